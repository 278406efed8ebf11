package io.tollgate.metrics.boundary;

import io.tollgate.net.RequestKey;
import io.tollgate.access.control.BearerCredential;
import io.tollgate.access.entity.Caller;
import io.tollgate.metrics.control.Meters;
import io.tollgate.metrics.control.Meters.Counter;
import io.tollgate.metrics.control.Meters.Timer;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request timings per endpoint and authentications by credential kind and outcome (spec section 7).
 * A timer is keyed by the resource method's path template and HTTP method, never by the raw path, so
 * that the number of series is bounded by the number of routes; requests no route matched share one.
 * Authentications are read off the finished request: a caller was set ({@code ok}), or a presented
 * credential got 401 ({@code refused}, its kind guessed from its shape).
 */
@Provider
@PreMatching
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    /** When the request came in ({@code System.nanoTime()}). */
    private static final RequestKey<Long> STARTED = RequestKey.of(RequestMetrics.class, "started", Long.class);
    static final String UNMATCHED = "(unmatched)";

    @Inject
    Meters registry;

    @Context
    ResourceInfo resource;

    private final Map<Method, Timer> timers = new ConcurrentHashMap<>();
    /** Requests no route matched share one timer (the registry returns the same one if two race). */
    private volatile Timer unmatched;
    private final Map<String, Counter> authentications = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        STARTED.set(request, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        countAuthentication(request, response.getStatus());
        Long started = STARTED.get(request);
        if (started != null) {
            timer(request.getMethod(), resource.getResourceMethod())
                    .update(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * The timer of a resource method (one HTTP method each), found by the {@code Method} itself: the
     * path template is built once per route, not per request.
     */
    private Timer timer(String method, Method resourceMethod) {
        if (resourceMethod == null) {
            Timer shared = unmatched;
            if (shared == null) {
                shared = register("", UNMATCHED);
                unmatched = shared;
            }
            return shared;
        }
        return timers.computeIfAbsent(resourceMethod, key -> register(httpMethodOf(key, method), template(key)));
    }

    /** The HTTP method the resource method is annotated with (a HEAD served by a GET counts as GET). */
    static String httpMethodOf(Method resourceMethod, String requested) {
        for (java.lang.annotation.Annotation annotation : resourceMethod.getAnnotations()) {
            HttpMethod designator = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                return designator.value();
            }
        }
        return requested;
    }

    private Timer register(String httpMethod, String endpoint) {
        return registry.timer("tollgate_requests", "Time to answer API requests, per endpoint (path template and method)",
                "method", httpMethod.isEmpty() ? "any" : httpMethod, "endpoint", endpoint);
    }

    /** {@code /api/projects/{projectId}/tokens/{tokenId}} for the method that serves it. */
    static String template(Method method) {
        StringBuilder path = new StringBuilder("/api");
        append(path, method.getDeclaringClass().getAnnotation(Path.class));
        append(path, method.getAnnotation(Path.class));
        return path.toString();
    }

    private static void append(StringBuilder path, Path segment) {
        if (segment != null && !segment.value().isEmpty() && !segment.value().equals("/")) {
            String value = segment.value();
            path.append(value.startsWith("/") ? "" : "/").append(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        }
    }

    private void countAuthentication(ContainerRequestContext request, int status) {
        if (request.getSecurityContext().getUserPrincipal() instanceof Caller caller) {
            authentication(caller.kind().name().toLowerCase(Locale.ROOT), "ok").inc();
        } else if (status == 401) {
            String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (header != null) {
                authentication(kindOf(BearerCredential.of(header)), "refused").inc();
            }
        }
    }

    /** The kind a refused credential looks like: no secret is kept, only its shape. */
    static String kindOf(String credential) {
        if (credential == null) {
            return "malformed";
        }
        if (credential.startsWith("tg_")) {
            return "token";
        }
        return credential.chars().filter(c -> c == '.').count() == 2 ? "user" : "unknown";
    }

    private Counter authentication(String kind, String outcome) {
        return authentications.computeIfAbsent(kind + ' ' + outcome, key -> registry.counter("tollgate_authentications",
                "Requests that presented a credential, by credential kind and outcome", "kind", kind, "outcome", outcome));
    }
}
