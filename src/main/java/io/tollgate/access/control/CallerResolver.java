package io.tollgate.access.control;

import io.tollgate.access.boundary.RootCredentials;
import io.tollgate.access.entity.Caller;
import io.tollgate.auth.control.JwtConfigSource;
import io.tollgate.auth.control.SessionTokens;
import io.tollgate.tokens.boundary.ActiveTokens;
import io.tollgate.tokens.control.TokenSecrets;
import io.tollgate.tokens.entity.ActiveToken;
import io.tollgate.users.boundary.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import org.eclipse.microprofile.jwt.JsonWebToken;

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

    @Inject
    Users users;

    /**
     * A person from a verified JWT: the username is {@code upn}, else {@code preferred_username},
     * else {@code sub} (what external identity providers put there varies). A session Tollgate issued
     * itself must belong to a user that exists and existed when it was issued: a deleted user's session
     * ends with them, and is never inherited by a later user of the same name.
     */
    public Caller person(JsonWebToken jwt) {
        String name = jwt.getClaim("upn");
        if (name == null || name.isBlank()) {
            name = jwt.getClaim("preferred_username");
        }
        if (name == null || name.isBlank()) {
            name = jwt.getSubject();
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        if (!JwtConfigSource.externalIdentityProvider() && !isCurrentUser(name, jwt.getClaim(SessionTokens.USER_CREATED))) {
            return null;
        }
        return Caller.user(name, jwt.getExpirationTime() * 1000);
    }

    private boolean isCurrentUser(String username, Object userCreated) {
        long created;
        if (userCreated instanceof JsonNumber number) {
            created = number.longValue();
        } else if (userCreated instanceof Number number) {
            created = number.longValue();
        } else {
            return false;
        }
        return users.isCurrent(username, created);
    }

    /** The caller for root or a project token, or null if the credential is neither (or no longer valid). */
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
