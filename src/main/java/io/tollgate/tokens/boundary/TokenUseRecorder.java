package io.tollgate.tokens.boundary;

import io.tollgate.access.entity.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Sets {@code last_used_date} after a token's successful use. Only 2xx responses count: a request
 * that fails changes nothing, not even this date.
 */
@Provider
public class TokenUseRecorder implements ContainerResponseFilter {

    @Inject
    ActiveTokens tokens;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() / 100 == 2
                && request.getSecurityContext().getUserPrincipal() instanceof Caller caller
                && caller.kind() == Caller.Kind.TOKEN) {
            tokens.recordUse(caller.credentialId(), System.currentTimeMillis());
        }
    }
}
