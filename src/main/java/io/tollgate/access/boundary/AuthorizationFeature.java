package io.tollgate.access.boundary;

import io.tollgate.access.control.AccessPolicy;
import io.tollgate.access.control.ProjectRoles;
import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.problems.entity.ApiException;
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
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Binds each resource method, once at startup, to the authorization its {@link Allow} declares:
 * 401 without a caller, 403 when {@link AccessPolicy} says no. Methods with neither {@link Allow}
 * nor {@link Public} are closed to everyone, so a forgotten annotation fails safe. The runtime's own
 * OPTIONS handler is the one exception: it answers 204 with the methods of the route the caller may
 * call (401 without a caller, 403 when it may call none of them, as each of them would answer).
 */
@Provider
public class AuthorizationFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        if (method.isAnnotationPresent(Public.class)) {
            return;
        }
        Allow allow = method.getAnnotation(Allow.class);
        if (allow == null && !isDeclaredHere(method)) {
            context.register(new Options(), Priorities.AUTHORIZATION);
            return;
        }
        context.register(allow == null ? new Closed() : new Check(allow), Priorities.AUTHORIZATION);
    }

    /** Tollgate's own resource methods, as opposed to handlers the JAX-RS runtime adds (OPTIONS). */
    private static boolean isDeclaredHere(Method method) {
        return method.getDeclaringClass().getName().startsWith("io.tollgate.");
    }

    static Caller requireCaller(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw ApiException.unauthorized("this request needs 'Authorization: Bearer <token>'");
    }

    /** Applies one method's {@link Allow}. */
    static final class Check implements ContainerRequestFilter {
        private final Allow allow;
        private volatile ProjectRoles roles;

        Check(Allow allow) {
            this.allow = allow;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            Caller caller = requireCaller(request);
            MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
            String projectId = path.getFirst("projectId");
            Role role = projectId == null ? null : roles().of(caller, projectId);
            if (!AccessPolicy.permits(caller, role, allow.role(), allow.scope(), path.getFirst("brokerId"))) {
                throw forbidden(projectId, role);
            }
        }

        /** Filters registered as instances are not injected: look the bean up once. */
        private ProjectRoles roles() {
            ProjectRoles found = roles;
            if (found == null) {
                found = CDI.current().select(ProjectRoles.class).get();
                roles = found;
            }
            return found;
        }
    }

    static ApiException forbidden(String projectId, Role role) {
        return ApiException.forbidden(projectId != null && role == null
                ? "no access to this project" : "not allowed for this credential");
    }

    /**
     * For the handlers the runtime adds to every route. OPTIONS needs a caller and lists only the
     * methods that caller may call on the matched route, so it reveals no more than trying each
     * method would; with none left it is the 403 they would answer. Any other generated handler is
     * closed, like an unannotated method.
     */
    static final class Options implements ContainerRequestFilter {
        private volatile ProjectRoles roles;

        @Override
        public void filter(ContainerRequestContext request) {
            Caller caller = requireCaller(request);
            if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
                throw ApiException.forbidden("not allowed for this credential");
            }
            MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
            String projectId = path.getFirst("projectId");
            Role role = projectId == null ? null : roles().of(caller, projectId);
            ResourceMethod matched = ((ExtendedUriInfo) request.getUriInfo()).getMatchedResourceMethod();
            Set<String> allowed = new TreeSet<>();
            for (ResourceMethod sibling : matched.getParent().getResourceMethods()) {
                Method method = sibling.getInvocable().getDefinitionMethod();
                Allow allow = method.getAnnotation(Allow.class);
                if (isDeclaredHere(method) && (method.isAnnotationPresent(Public.class) || allow != null
                        && AccessPolicy.permits(caller, role, allow.role(), allow.scope(), path.getFirst("brokerId")))) {
                    allowed.add(sibling.getHttpMethod());
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

        private ProjectRoles roles() {
            ProjectRoles found = roles;
            if (found == null) {
                found = CDI.current().select(ProjectRoles.class).get();
                roles = found;
            }
            return found;
        }
    }

    /** For resource methods nobody declared access for. */
    static final class Closed implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            requireCaller(request);
            throw ApiException.forbidden("not allowed for this credential");
        }
    }
}
