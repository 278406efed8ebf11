package io.tollgate.audit.boundary;

import io.tollgate.access.entity.Caller;
import io.tollgate.audit.control.RequestOrigin;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Notes who makes each API request and from which address, right after authentication, for the
 * events the request's changes record. Nothing is read from the database: a field copy per request.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 100)
public class RequestOrigins implements ContainerRequestFilter {

    @Inject
    RequestOrigin origin;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String actor = request.getSecurityContext().getUserPrincipal() instanceof Caller caller ? caller.issuer() : null;
        origin.set(actor, clientAddress(servletRequest));
    }

    /**
     * The client address an event records. The one seam for the client address rule of spec section 6
     * (trusted proxies, {@code X-Forwarded-For}): for now the TCP peer; the coordinator points this at
     * the shared {@code ClientAddress} once it exists.
     */
    static String clientAddress(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
