package io.tollgate.access.boundary;

import io.tollgate.time.Now;
import io.tollgate.access.control.BearerCredential;
import io.tollgate.access.control.CallerResolver;
import io.tollgate.access.entity.Caller;
import io.tollgate.errors.Forbidden;
import io.tollgate.access.entity.Refusal;
import io.tollgate.access.entity.Resolution;
import io.tollgate.errors.Unauthorized;
import io.tollgate.net.ClientAddress;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;

/**
 * Who is calling: the one authentication pass of a request (see the package documentation for why
 * here). Reads {@code Authorization: Bearer <credential>} with {@link BearerCredential} (root, a
 * project token or a JWT) and sets the security context. No header leaves the request anonymous
 * (authorization then answers 401 where a caller is needed); a header that does not name a valid
 * credential is a 401 at once, whose {@code info.reason} says why; the {@link Refusal} is also left on
 * the request ({@link Authentication}), for whoever records refused uses. A token used
 * from an address outside its {@code allowed_ips} is a 403. A route marked
 * {@code @Public(ignoresCredentials = true)} (the leak report) is never authenticated: its header is not read.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    @Inject
    Now clock;

    @Inject
    CallerResolver resolver;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest http;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!ignoresCredentials(resource.getResourceMethod())) {
            authenticate(request);
        }
    }

    static boolean ignoresCredentials(Method resourceMethod) {
        Public open = resourceMethod == null ? null : resourceMethod.getAnnotation(Public.class);
        return open != null && open.ignoresCredentials();
    }

    /** The pass itself. */
    private void authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        String credential = BearerCredential.of(header);
        if (credential == null) {
            Authentication.refused(request, Refusal.invalid());
            throw new Unauthorized("Authorization must be 'Bearer <token>'");
        }
        Resolution resolution = resolver.authenticate(credential, clock.millis());
        if (!(resolution instanceof Caller caller)) {
            Refusal refusal = (Refusal) resolution;
            Authentication.refused(request, refusal);
            throw new Unauthorized(refusal.message(), refusal.reason().id());
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerContext(caller, secure));
        Authentication.authenticated(request, caller);
        requireAllowedAddress(request, caller, clientAddress, http);
    }

    /**
     * A token with an {@code allowed_ips} list works only from those addresses: 403 with
     * {@code info.reason} {@code ip_not_allowed} otherwise (spec section 6). The caller is already set,
     * so that response filters know whose request was refused; the refusal is not a 2xx, so it is no
     * use of the token. An empty list (every caller but IP-restricted tokens) costs one check.
     */
    private static void requireAllowedAddress(ContainerRequestContext request, Caller caller, ClientAddress clientAddress,
            HttpServletRequest http) {
        if (caller.allowedIps().isEmpty()) {
            return;
        }
        if (!caller.allowedIps().permits(clientAddress.addressOf(request, http))) {
            Authentication.refusedForAddress(request);
            throw new Forbidden("this token may not be used from this address", Forbidden.IP_NOT_ALLOWED);
        }
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
