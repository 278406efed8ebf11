package io.tollgate.access.boundary;

import io.tollgate.access.control.AccessPolicy;
import io.tollgate.access.control.ProjectRoles;
import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.errors.Forbidden;
import io.tollgate.errors.Unauthorized;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Binds each resource method, once at startup, to the authorization its {@link Allow} declares:
 * 401 without a caller, 403 when {@link AccessPolicy} says no. Methods with neither {@link Allow}
 * nor {@link Public} are closed to everyone, so a forgotten annotation fails safe. The runtime's own
 * OPTIONS handler is the one exception: it answers 204 with the methods of the route the caller may
 * call (401 without a caller, 403 when it may call none of them, as each of them would answer).
 */
@Provider
public class AuthorizationFeature implements DynamicFeature {

    /**
     * Every resource method of Tollgate's, for OPTIONS; complete once the application has started.
     * Static because {@link OptionsRequests}, another provider, reads it (one list per deployment: the
     * class belongs to the WAR).
     */
    static final List<Route> ROUTES = new CopyOnWriteArrayList<>();

    private final List<Route> routes = ROUTES;

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        if (isDeclaredHere(method)) {
            routes.add(Route.of(resourceInfo.getResourceClass(), method));
        }
        if (method.isAnnotationPresent(Public.class)) {
            return;
        }
        Allow allow = method.getAnnotation(Allow.class);
        if (allow == null && !isDeclaredHere(method)) {
            context.register(new Options(routes), Priorities.AUTHORIZATION);
            return;
        }
        context.register(allow == null ? new Closed() : new Check(allow), Priorities.AUTHORIZATION);
    }

    /**
     * One resource method: its path template as a pattern, its HTTP method and its access. Kept here
     * (standard JAX-RS only) rather than asked from the runtime's own resource model, so that the WAR
     * stays portable between JAX-RS implementations.
     */
    record Route(Pattern path, String httpMethod, Allow allow, boolean open) {

        static Route of(Class<?> resource, Method method) {
            String template = normalise(pathOf(resource.getAnnotation(Path.class)) + "/" + pathOf(method.getAnnotation(Path.class)));
            String regex = template.isEmpty() ? "" : Stream.of(template.split("/"))
                    .map(Route::segmentPattern)
                    .collect(Collectors.joining("/"));
            return new Route(Pattern.compile(regex), httpMethodOf(method),
                    method.getAnnotation(Allow.class), method.isAnnotationPresent(Public.class));
        }

        boolean matches(String requestPath) {
            return path.matcher(normalise(requestPath)).matches();
        }

        /** A path parameter's value in {@code requestPath} (which this route matches), or null. */
        String parameter(String requestPath, String name) {
            Matcher matcher = path.matcher(normalise(requestPath));
            if (!matcher.matches() || !path.pattern().contains("(?<" + name + ">")) {
                return null;
            }
            return matcher.group(name);
        }

        /** A literal segment, or a parameter ({@code {projectId}}) as a group named after it where Java allows the name. */
        private static String segmentPattern(String segment) {
            if (!segment.startsWith("{")) {
                return Pattern.quote(segment);
            }
            String name = segment.substring(1, segment.length() - 1).trim();
            return name.matches("[A-Za-z][A-Za-z0-9]*") ? "(?<" + name + ">[^/]+)" : "[^/]+";
        }

        private static String pathOf(Path path) {
            return path == null ? "" : path.value();
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

        private static String normalise(String path) {
            return path.replaceAll("/{2,}", "/").replaceAll("^/|/$", "");
        }
    }

    /** Tollgate's own resource methods, as opposed to handlers the JAX-RS runtime adds (OPTIONS). */
    private static boolean isDeclaredHere(Method method) {
        return method.getDeclaringClass().getName().startsWith("io.tollgate.");
    }

    static Caller requireCaller(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new Unauthorized("this request needs 'Authorization: Bearer <token>'");
    }

    /** Applies one method's {@link Allow}. */
    static final class Check extends ProjectScoped {
        private final Allow allow;

        Check(Allow allow) {
            this.allow = allow;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            Caller caller = requireCaller(request);
            if (allow.writesCredentials() && !AccessPolicy.mayWriteCredentials(caller)) {
                throw new Forbidden("a previous secret, kept working only for its grace period, cannot act on tokens; "
                        + "use the token's current secret", Forbidden.PREVIOUS_SECRET);
            }
            MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
            String projectId = path.getFirst("projectId");
            Role role = roleIn(caller, projectId);
            if (!AccessPolicy.permits(caller, role, allow.role(), allow.scope(), path.getFirst("brokerId"),
                    path.getFirst("tokenId"))) {
                throw forbidden(projectId, role);
            }
        }

    }

    /** A filter that needs the caller's role in the request's project. */
    abstract static class ProjectScoped implements ContainerRequestFilter {
        private volatile ProjectRoles roles;

        /** The role, or null without a project; filters registered as instances are not injected: look the bean up once. */
        Role roleIn(Caller caller, String projectId) {
            if (projectId == null) {
                return null;
            }
            ProjectRoles found = roles;
            if (found == null) {
                found = CDI.current().select(ProjectRoles.class).get();
                roles = found;
            }
            return found.of(caller, projectId);
        }
    }

    static Forbidden forbidden(String projectId, Role role) {
        return new Forbidden(projectId != null && role == null
                ? "no access to this project" : "not allowed for this credential");
    }

    /**
     * For the handlers the runtime adds to every route. OPTIONS needs a caller and lists only the
     * methods that caller may call on the matched route, so it reveals no more than trying each
     * method would; with none left it is the 403 they would answer. Any other generated handler is
     * closed, like an unannotated method.
     */
    static final class Options extends ProjectScoped {
        private final List<Route> routes;

        Options(List<Route> routes) {
            this.routes = routes;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            requireCaller(request);
            if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
                throw new Forbidden("not allowed for this credential");
            }
            answer(request, matching(request.getUriInfo().getPath()));
        }

        /** The routes of Tollgate's that {@code requestPath} matches, with a method; none when it is no route of ours. */
        List<Route> matching(String requestPath) {
            return routes.stream().filter(route -> route.httpMethod() != null && route.matches(requestPath)).toList();
        }

        /**
         * Answers an OPTIONS of {@code requestPath}, which {@code matched} (not empty) match: the path
         * parameters come from the routes' own templates, so that this works before routing too.
         */
        void answer(ContainerRequestContext request, List<Route> matched) {
            Caller caller = requireCaller(request);
            if (matched.isEmpty()) {
                throw new Forbidden("not allowed for this credential");
            }
            String requestPath = request.getUriInfo().getPath();
            String projectId = matched.get(0).parameter(requestPath, "projectId");
            Role role = roleIn(caller, projectId);
            Set<String> allowed = new TreeSet<>();
            for (Route route : matched) {
                if (route.open() || route.allow() != null
                        && (!route.allow().writesCredentials() || AccessPolicy.mayWriteCredentials(caller))
                        && AccessPolicy.permits(caller, role, route.allow().role(), route.allow().scope(),
                        route.parameter(requestPath, "brokerId"), route.parameter(requestPath, "tokenId"))) {
                    allowed.add(route.httpMethod());
                }
            }
            if (allowed.isEmpty()) {
                throw forbidden(projectId, role);
            }
            if (allowed.contains(HttpMethod.GET)) {
                allowed.add(HttpMethod.HEAD);
            }
            allowed.add(HttpMethod.OPTIONS);
            request.abortWith(Response.noContent().header(HttpHeaders.ALLOW, String.join(", ", allowed)).build());
        }
    }

    /** For resource methods nobody declared access for. */
    static final class Closed implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            requireCaller(request);
            throw new Forbidden("not allowed for this credential");
        }
    }
}
