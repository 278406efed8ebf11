package io.tollgate.access.control;

import io.tollgate.access.boundary.RootCredentials;
import io.tollgate.access.entity.Caller;
import io.tollgate.tokens.boundary.ActiveTokens;
import io.tollgate.tokens.control.TokenSecrets;
import io.tollgate.tokens.entity.ActiveToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a presented bearer credential into a {@link Caller}: the root credential by its hash first,
 * then well-formed {@code tg_} tokens by an indexed (and cached) hash lookup. Anything else is
 * refused without a database query.
 */
@ApplicationScoped
public class CallerResolver {

    @Inject
    RootCredentials root;

    @Inject
    ActiveTokens tokens;

    /** The caller, or null if the credential is not (or no longer) valid. */
    public Caller resolve(String credential, long now) {
        String hash = TokenSecrets.hash(credential);
        if (root.isRoot(hash)) {
            return Caller.root();
        }
        if (!TokenSecrets.isWellFormed(credential)) {
            return null;
        }
        ActiveToken token = tokens.byHash(hash);
        if (token == null || token.isExpired(now)) {
            return null;
        }
        return Caller.of(token);
    }
}
