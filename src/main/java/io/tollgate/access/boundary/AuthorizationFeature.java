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
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Binds each resource method, once at startup, to the authorization its {@link Allow} declares:
 * 401 without a caller, 403 when {@link AccessPolicy} says no. Methods with neither {@link Allow}
 * nor {@link Public} are closed to everyone, handlers the runtime generates included, so a forgotten
 * annotation fails safe. It also hands each of Tollgate's resource methods to {@link OptionsRequests},
 * which answers OPTIONS from them.
 */
@Provider
public class AuthorizationFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        if (isDeclaredHere(method)) {
            OptionsRequests.declare(resourceInfo.getResourceClass(), method);
        }
        if (method.isAnnotationPresent(Public.class)) {
            return;
        }
        Allow allow = method.getAnnotation(Allow.class);
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
        throw new Unauthorized("this request needs 'Authorization: Bearer <token>'");
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
            if (allow.writesCredentials() && !AccessPolicy.mayWriteCredentials(caller)) {
                throw new Forbidden("a previous secret, kept working only for its grace period, cannot act on tokens; "
                        + "use the token's current secret", Forbidden.PREVIOUS_SECRET);
            }
            MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
            String projectId = path.getFirst("projectId");
            Role role = roleIn(caller, projectId);
            if (!AccessPolicy.permits(caller, role, allow.role(), allow.scope(), path.getFirst("brokerId"),
                    path.getFirst("tokenId"))) {
                throw new Forbidden(projectId != null && role == null
                        ? "no access to this project" : "not allowed for this credential");
            }
        }

        /** The role, or null without a project; filters registered as instances are not injected: look the bean up once. */
        private Role roleIn(Caller caller, String projectId) {
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

    /** For resource methods nobody declared access for. */
    static final class Closed implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            requireCaller(request);
            throw new Forbidden("not allowed for this credential");
        }
    }
}
