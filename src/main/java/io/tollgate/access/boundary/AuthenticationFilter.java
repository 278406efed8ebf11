package io.tollgate.access.boundary;

import io.tollgate.access.control.CallerResolver;
import io.tollgate.access.entity.Caller;
import io.tollgate.problems.entity.ApiException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: reads {@code Authorization: Bearer <credential>} (the root credential, a project
 * token, or a session JWT already verified by MicroProfile JWT) and sets the security context.
 * No header leaves the request anonymous (authorization then answers 401 where a caller is needed);
 * a header that does not name a valid credential is a 401 at once.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    @Inject
    CallerResolver resolver;

    /** Set by MicroProfile JWT when the credential was a JWT it verified; empty otherwise. */
    @Inject
    JsonWebToken jwt;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("Authorization must be 'Bearer <token>'");
        }
        String credential = header.substring(BEARER.length()).strip();
        Caller caller = resolver.resolve(credential, System.currentTimeMillis());
        if (caller == null && credential.equals(jwt.getRawToken())) {
            caller = resolver.person(jwt);
        }
        if (caller == null) {
            throw ApiException.unauthorized("invalid, expired or revoked credential");
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerContext(caller, secure));
    }

    /** The security context of an authenticated request. */
    record CallerContext(Caller caller, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.isRoot() && "root".equals(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
