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
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Binds each resource method, once at startup, to the authorization its {@link Allow} declares:
 * 401 without a caller, 403 when {@link AccessPolicy} says no. Methods with neither {@link Allow}
 * nor {@link Public} are closed to everyone, so a forgotten annotation fails safe.
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
        context.register(allow == null ? new Closed() : new Check(allow), Priorities.AUTHORIZATION);
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
                throw ApiException.forbidden(projectId != null && role == null
                        ? "no access to this project" : "not allowed for this credential");
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

    /** For resource methods nobody declared access for. */
    static final class Closed implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            requireCaller(request);
            throw ApiException.forbidden("not allowed for this credential");
        }
    }
}
