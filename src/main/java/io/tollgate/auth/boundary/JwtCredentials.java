package io.tollgate.auth.boundary;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tollgate.access.control.CredentialResolver;
import io.tollgate.access.entity.Caller;
import io.tollgate.auth.control.JwtConfigSource;
import io.tollgate.auth.control.JwtVerifier;
import io.tollgate.auth.control.SessionTokens;
import io.tollgate.users.boundary.Users;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The JWTs' {@link CredentialResolver}, asked last: a value shaped like a JWT that {@link JwtVerifier}
 * verifies names a person (Tollgate's own session or an external identity provider's token).
 */
@ApplicationScoped
public class JwtCredentials implements CredentialResolver {

    @Inject
    Users users;

    private JwtVerifier jwts;

    @PostConstruct
    void readJwtConfiguration() {
        jwts = JwtVerifier.fromConfig(ConfigProvider.getConfig());
    }

    /** A wrong JWT key configuration stops the deployment instead of failing the first request. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer's injection of this bean runs readJwtConfiguration()
    }

    @Override
    public int priority() {
        return JWTS;
    }

    @Override
    public Caller resolve(String credential, String hash, long now) {
        JWTClaimsSet claims = jwts.verify(credential);
        return claims == null ? null : person(claims);
    }

    /**
     * A person from a verified JWT: the username is {@code upn}, else {@code preferred_username},
     * else {@code sub} (what external identity providers put there varies). A session Tollgate issued
     * itself must belong to a user that exists and existed when it was issued: a deleted user's session
     * ends with them, and is never inherited by a later user of the same name.
     */
    Caller person(JWTClaimsSet jwt) {
        String name = text(jwt.getClaim("upn"));
        if (name == null || name.isBlank()) {
            name = text(jwt.getClaim("preferred_username"));
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
        return Caller.user(name, jwt.getExpirationTime().getTime());
    }

    private static String text(Object claim) {
        return claim instanceof String value ? value : null;
    }

    private boolean isCurrentUser(String username, Object userCreated) {
        long created;
        if (userCreated instanceof Number number) {
            created = number.longValue();
        } else {
            return false;
        }
        return users.isCurrent(username, created);
    }
}
