package io.tollgate.auth.boundary;

import io.tollgate.time.Now;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tollgate.access.control.CredentialResolver;
import io.tollgate.access.entity.Caller;
import io.tollgate.auth.control.JwtConfigSource;
import io.tollgate.auth.control.JwtVerifier;
import io.tollgate.auth.control.SessionTokens;
import io.tollgate.config.StartFailure;
import io.tollgate.users.boundary.Users;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The JWTs' {@link CredentialResolver}, asked last: a value shaped like a JWT that {@link JwtVerifier}
 * verifies names a person (Tollgate's own session or an external identity provider's token).
 */
@ApplicationScoped
public class JwtCredentials implements CredentialResolver {

    @Inject
    Now clock;

    private static final Logger LOG = Logger.getLogger(JwtCredentials.class.getName());
    /** How long the start waits for the key's own thread before it makes the key itself. */
    private static final Duration KEY_WAIT = Duration.ofMinutes(2);

    @Inject
    Users users;

    private Config config;
    private volatile JwtVerifier jwts;

    /** Tollgate's own key being made on a thread of its own, until the start awaits it; else null. */
    private Thread keyMaker;

    /**
     * An operator's key configuration is read now, so that a wrong one (an unreadable key, a JWK set
     * URL that is malformed or names no host) stops the start with one line ({@link StartFailure}); a JWK set
     * URL is only checked here, its keys are fetched when a JWT first needs them. Tollgate's
     * own key cannot be wrong, but a first start generates it (an RSA key pair, the largest single CPU
     * cost of a start): it is made on a thread of its own while the other start work (migrations, the
     * root credential) goes on, and {@link #awaitKey} waits for it before the start ends.
     */
    @PostConstruct
    void readJwtConfiguration() {
        config = ConfigProvider.getConfig();
        if (!JwtConfigSource.generatedKey()) {
            try {
                jwts = JwtVerifier.fromConfig(config, clock::millis);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the operator's setting: one line that names it, and the process ends (no server left up answering 404)
                throw StartFailure.stop(e.getMessage(), e);
            }
            return;
        }
        keyMaker = new Thread(() -> {
            try {
                verifier();
            } catch (RuntimeException e) {
                // awaitKey tries once more on the start's thread, where a failure stops the deployment
                LOG.log(Level.FINE, "JWT signing key not made on its own thread", e);
            }
        }, "tollgate-jwt-key");
        keyMaker.setDaemon(true);
        keyMaker.start();
    }

    /**
     * Late in the start ({@code start.boundary.StartSequence}, before the gate opens): the key is there, or
     * the deployment stops as it did when the key was made on the start's thread. A key that cannot be
     * made is never retried per request.
     */
    public void awaitKey() throws InterruptedException {
        if (keyMaker != null) {
            keyMaker.join(KEY_WAIT.toMillis());
            keyMaker = null;
            verifier();
        }
    }

    private JwtVerifier verifier() {
        JwtVerifier verifier = jwts;
        if (verifier == null) {
            synchronized (this) {
                verifier = jwts;
                if (verifier == null) {
                    verifier = JwtVerifier.fromConfig(config, clock::millis);
                    jwts = verifier;
                }
            }
        }
        return verifier;
    }

    @Override
    public int priority() {
        return JWTS;
    }

    @Override
    public Caller resolve(String credential, String hash, long now) {
        JWTClaimsSet claims = verifier().verify(credential);
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
