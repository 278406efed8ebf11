package io.tollgate.audit.boundary;

import io.tollgate.access.entity.Caller;
import io.tollgate.audit.control.RequestOrigin;
import io.tollgate.net.ClientAddress;
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
 * events the request's changes record. Nothing is read from the database and the address (spec section 6's client address rule) is
 * worked out only when an event needs it: a field copy per request.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 100)
public class RequestOrigins implements ContainerRequestFilter {

    @Inject
    RequestOrigin origin;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String actor = request.getSecurityContext().getUserPrincipal() instanceof Caller caller ? caller.issuer() : null;
        HttpServletRequest from = servletRequest;
        origin.set(actor, () -> clientAddress.of(from));
    }
}
