package io.tollgate.usage.boundary;

import io.tollgate.time.Now;
import io.tollgate.access.boundary.Authentication;
import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Refusal;
import io.tollgate.net.ClientAddress;
import io.tollgate.net.RequestFacts;
import io.tollgate.tokens.boundary.ActiveTokens;
import io.tollgate.usage.entity.TokenUse;
import io.tollgate.usage.entity.UseOutcome;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Records every request that presented a token's secret, accepted or refused, into the usage log
 * (through the {@link UsageWriter}'s buffer: no database work here), and a successful (2xx) use as
 * the token's last use. Runs as a response filter, so that it sees the final status, also of requests
 * the authentication filter refused.
 */
@Provider
public class UsageRecorder implements ContainerResponseFilter {

    @Inject
    Now clock;

    @Inject
    ActiveTokens tokens;

    @Inject
    UsageWriter writer;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Caller caller = request.getSecurityContext().getUserPrincipal() instanceof Caller c
                && c.kind() == Caller.Kind.TOKEN ? c : null;
        String tokenId;
        UseOutcome outcome;
        int status = response.getStatus();
        Refusal refusal = caller == null ? Authentication.refusal(request) : null;
        if (caller != null) {
            tokenId = caller.credentialId();
            outcome = status == 403 ? (ipRefused(request) ? UseOutcome.IP_NOT_ALLOWED : UseOutcome.FORBIDDEN)
                    : UseOutcome.OK;
        } else if (refusal != null && refusal.tokenId() != null
                && UseOutcome.of(refusal.reason().id()) != null) {
            // a recognised secret refused with 401 (expired, suspended, rotated); a revoked token's
            // use is not logged: its log went with it
            tokenId = refusal.tokenId();
            outcome = UseOutcome.of(refusal.reason().id());
        } else {
            return;
        }
        long now = clock.millis();
        String ip = clientAddress.of(request, servletRequest);
        // the raw path without the query, as the log keeps it (Jersey's getRequestUri() would build a
        // URI object per request for the same text)
        writer.record(new TokenUse(tokenId, now, outcome, status, request.getMethod(),
                RequestFacts.rawPath(request, servletRequest), ip, request.getHeaderString(HttpHeaders.USER_AGENT)));
        if (caller != null && status / 100 == 2) {
            tokens.recordUse(tokenId, now, ip);
        }
    }

    /** Whether this 403 was the IP allow-list's refusal rather than authorization's. */
    private static boolean ipRefused(ContainerRequestContext request) {
        return Authentication.ipRefused(request);
    }
}
