package io.tollgate.access.boundary;

import io.tollgate.access.control.CallerResolver;
import io.tollgate.net.ClientAddress;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import java.util.List;

/**
 * Answers {@code OPTIONS} of Tollgate's routes before routing, the same on every JAX-RS runtime: 204
 * with the methods the caller may call ({@link AuthorizationFeature.Options}). Jersey (Payara) routes
 * OPTIONS to a handler it generates, where the authorization filters run; RESTEasy (WildFly) answers
 * it while matching, with its own 200 {@code text/plain} and no filter at all. Before routing, the
 * request has no caller yet, so this runs the authentication pass itself; a path that is no route of
 * Tollgate's goes on to the runtime (404).
 */
@jakarta.ws.rs.ext.Provider
@PreMatching
@Priority(Priorities.USER + 100) // after the other pre-matching filters (body limit, request timing)
public class OptionsRequests implements ContainerRequestFilter {

    private final AuthorizationFeature.Options options = new AuthorizationFeature.Options(AuthorizationFeature.ROUTES);

    @Inject
    CallerResolver resolver;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
            return;
        }
        List<AuthorizationFeature.Route> matched = options.matching(request.getUriInfo().getPath());
        if (matched.isEmpty()) {
            return;
        }
        AuthenticationFilter.authenticate(request, resolver, clientAddress, http);
        options.answer(request, matched);
    }
}
