package io.tollgate.access.boundary;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code OPTIONS} of an {@code /api} route, answered by one rule before routing: 204 with an
 * {@code Allow} of the methods Tollgate's resource classes declare for the route's path template
 * (plus {@code HEAD} with {@code GET}, and {@code OPTIONS}), to every caller alike, credential or not.
 * A path that is no route goes on to the runtime, which answers 404 with the error body.
 * <p>
 * Why this rule: the contract promises nothing about OPTIONS, and left alone the runtimes differ
 * (Jersey on Payara answers from a handler it generates, RESTEasy on WildFly with its own 200
 * {@code text/plain} and no filter), so one answer has to come before routing. The list is the
 * route's, not the caller's: the public OpenAPI document and every 405's {@code Allow} already name
 * every method of every route, so filtering it per caller hid nothing, and cost a second router with
 * the role table evaluated per request. Here the answer is computed once at start: the templates come
 * from the resource methods themselves ({@link #declare}, which {@link AuthorizationFeature} calls for
 * each), and a request only matches its path against them. Tollgate's templates do not overlap (each
 * path matches at most one), so no JAX-RS precedence is needed.
 */
@Provider
@PreMatching
@Priority(Priorities.USER + 100) // after the other pre-matching filters (body limit, request timing)
public class OptionsRequests implements ContainerRequestFilter {

    /** A route's path pattern and its methods, keyed by the pattern's text; complete once the application has started. */
    private static final Map<String, Route> ROUTES = new ConcurrentHashMap<>();

    record Route(Pattern path, Set<String> methods) {
    }

    /** Records one of Tollgate's resource methods: its HTTP method under its class's and its own {@code @Path}. */
    static void declare(Class<?> resource, Method method) {
        String httpMethod = httpMethodOf(method);
        if (httpMethod == null) {
            return;
        }
        String regex = Stream.of(normalise(pathOf(resource) + "/" + pathOf(method)).split("/"))
                .map(segment -> segment.startsWith("{") ? "[^/]+" : Pattern.quote(segment))
                .collect(Collectors.joining("/"));
        Set<String> methods = ROUTES.computeIfAbsent(regex,
                key -> new Route(Pattern.compile(key), new ConcurrentSkipListSet<>(Set.of(HttpMethod.OPTIONS)))).methods();
        methods.add(httpMethod);
        if (HttpMethod.GET.equals(httpMethod)) {
            methods.add(HttpMethod.HEAD);
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
            return;
        }
        String allow = allowOf(request.getUriInfo().getPath());
        if (allow != null) {
            request.abortWith(Response.noContent().header(HttpHeaders.ALLOW, allow).build());
        }
    }

    /** The {@code Allow} of the route {@code path} (relative to {@code /api}) matches, or null for none. */
    static String allowOf(String path) {
        return routesMatching(path).findFirst().map(route -> String.join(", ", route.methods())).orElse(null);
    }

    static Stream<Route> routesMatching(String path) {
        String normalised = normalise(path);
        return ROUTES.values().stream().filter(route -> route.path().matcher(normalised).matches());
    }

    private static String httpMethodOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod designator = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                return designator.value();
            }
        }
        return null;
    }

    private static String pathOf(java.lang.reflect.AnnotatedElement element) {
        Path path = element.getAnnotation(Path.class);
        return path == null ? "" : path.value();
    }

    private static String normalise(String path) {
        return path.replaceAll("/{2,}", "/").replaceAll("^/|/$", "");
    }
}
