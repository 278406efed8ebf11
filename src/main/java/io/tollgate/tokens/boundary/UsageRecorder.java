package io.tollgate.tokens.boundary;

import io.tollgate.access.entity.Caller;
import io.tollgate.tokens.entity.TokenUse;
import io.tollgate.tokens.entity.UseOutcome;
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

    /**
     * Set (to any value) by the IP allow-list check when it refuses a token's request with 403, so that
     * the use is logged as {@code ip_not_allowed} rather than {@code forbidden}.
     */
    public static final String IP_NOT_ALLOWED = "io.tollgate.tokens.ip-not-allowed";

    @Inject
    ActiveTokens tokens;

    @Inject
    UsageWriter writer;

    @Inject
    RefusedSecret refused;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Caller caller = request.getSecurityContext().getUserPrincipal() instanceof Caller c
                && c.kind() == Caller.Kind.TOKEN ? c : null;
        String tokenId;
        UseOutcome outcome;
        int status = response.getStatus();
        if (caller != null) {
            tokenId = caller.credentialId();
            outcome = status == 403 ? (ipRefused(request) ? UseOutcome.IP_NOT_ALLOWED : UseOutcome.FORBIDDEN)
                    : UseOutcome.OK;
        } else if (refusal() != null) {
            tokenId = refusal().tokenId();
            outcome = refusal().outcome();
        } else {
            return;
        }
        long now = System.currentTimeMillis();
        String ip = clientAddress(servletRequest);
        writer.record(new TokenUse(tokenId, now, outcome, status, request.getMethod(),
                request.getUriInfo().getRequestUri().getRawPath(), ip, request.getHeaderString(HttpHeaders.USER_AGENT)));
        if (caller != null && status / 100 == 2) {
            tokens.recordUse(tokenId, now, ip);
        }
    }

    /**
     * The client address that the usage log and {@code last_used_ip} show. For now the TCP peer; the
     * seam for the trusted-proxy rule of spec section 6 (the same address the IP allow-list checks).
     */
    static String clientAddress(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

    /**
     * The token whose secret this request presented and that was refused with 401, or null. The seam
     * for the refusal reasons of spec section 6 (expired, suspended, rotated); today only expiry.
     */
    private RefusedSecret refusal() {
        return refused.tokenId() == null ? null : refused;
    }

    /** Seam for the IP allow-list: whether this 403 was its refusal. */
    private static boolean ipRefused(ContainerRequestContext request) {
        return request.getProperty(IP_NOT_ALLOWED) != null;
    }
}
