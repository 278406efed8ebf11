package io.tollgate.tokens.boundary;

import io.tollgate.tokens.entity.UseOutcome;
import jakarta.enterprise.context.RequestScoped;

/**
 * Which token's secret the current request presented, if the token was recognised but refused
 * (today: expired), so that {@link UsageRecorder} can log the refused use. Request-scoped because
 * the credential resolvers see the credential, not the request.
 */
@RequestScoped
public class RefusedSecret {

    private String tokenId;
    private UseOutcome outcome;

    void refuse(String tokenId, UseOutcome outcome) {
        this.tokenId = tokenId;
        this.outcome = outcome;
    }

    /** The refused token's id, or null if no token secret was refused in this request. */
    public String tokenId() {
        return tokenId;
    }

    public UseOutcome outcome() {
        return outcome;
    }
}
