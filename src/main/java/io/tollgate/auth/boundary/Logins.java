package io.tollgate.auth.boundary;

import io.tollgate.audit.boundary.AuditTrail;
import io.tollgate.audit.entity.AuditAction;
import io.tollgate.errors.Forbidden;
import io.tollgate.errors.TooManyAttempts;
import io.tollgate.errors.Unauthorized;
import io.tollgate.json.JsonBuilders;
import io.tollgate.auth.control.JwtConfigSource;
import io.tollgate.auth.control.LoginThrottle;
import io.tollgate.auth.control.SessionTokens;
import io.tollgate.users.boundary.Users;
import io.tollgate.users.control.Passwords;
import io.tollgate.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password login. An unknown user and a wrong password get the same 401 after the same work (a
 * PBKDF2 check either way). More than {@code tollgate.login.max-failures} failures of one username
 * from one client address within {@code tollgate.login.window} lock that pair for
 * {@code tollgate.login.lockout}; more than {@code tollgate.login.username-max-failures} of one
 * username from all addresses within {@code tollgate.login.username-window} lock the username until
 * that window ends (429 with Retry-After, see {@link LoginThrottle}). A username longer than any user
 * can have is a 401 at once: no password check, nothing remembered.
 */
@ApplicationScoped
public class Logins {

    /** No user's name is longer (see {@code User}): longer ones are neither checked nor tracked. */
    static final int MAX_USERNAME = 64;

    @Inject
    Users users;

    @Inject
    Passwords passwords;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = JwtConfigSource.DEFAULT_ISSUER)
    String issuer;

    @Inject
    @ConfigProperty(name = "tollgate.jwt.lifetime", defaultValue = "PT1H")
    Duration lifetime;

    @Inject
    @ConfigProperty(name = "tollgate.login.max-failures", defaultValue = "10")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "tollgate.login.window", defaultValue = "PT1M")
    Duration window;

    @Inject
    @ConfigProperty(name = "tollgate.login.lockout", defaultValue = "PT1M")
    Duration lockout;

    @Inject
    @ConfigProperty(name = "tollgate.login.username-max-failures", defaultValue = "100")
    int usernameMaxFailures;

    @Inject
    @ConfigProperty(name = "tollgate.login.username-window", defaultValue = "PT15M")
    Duration usernameWindow;

    @Inject
    @ConfigProperty(name = "tollgate.login.max-tracked", defaultValue = "50000")
    long maxTracked;

    private LoginThrottle throttle;

    @PostConstruct
    void init() {
        throttle = new LoginThrottle(maxFailures, window.toMillis(), lockout.toMillis(),
                usernameMaxFailures, usernameWindow.toMillis(), maxTracked);
    }

    /** A session JWT for the right password; {@code clientAddress} is the TCP peer of the request. */
    public JsonObject login(String username, String password, String clientAddress) {
        if (JwtConfigSource.externalIdentityProvider()) {
            throw new Forbidden("password login is off: this server trusts an external identity provider");
        }
        if (username.length() > MAX_USERNAME) {
            throw new Unauthorized("wrong username or password");
        }
        long now = System.currentTimeMillis();
        long wait = throttle.attempt(username, clientAddress, now);
        if (wait > 0) {
            throw new TooManyAttempts("too many failed logins for this username; try again later",
                    (wait + 999) / 1000);
        }
        User user = users.find(username);
        if (!passwords.matches(password, user == null ? null : user.passwordHash())) {
            recordFailure(user == null ? AuditTrail.ANONYMOUS : username, username, clientAddress);
            throw new Unauthorized("wrong username or password");
        }
        throttle.succeeded(username, clientAddress, now);
        long expiresAt = now + lifetime.toMillis();
        JsonObject session = JsonBuilders.object()
                .add("token", SessionTokens.mint(issuer, username, user.createdDate(), now, expiresAt))
                .add("expires_at", expiresAt / 1000 * 1000)
                .build();
        audit.action(AuditAction.LOGIN_SUCCESS).actor(username).recordAlone();
        return session;
    }

    /**
     * A wrong password, or a username that does not exist ({@code actor} is then {@code anonymous}:
     * the typed name may be a password). Committed at once, though the login fails; a failure that
     * started a lock also records {@code login.locked}, once per lock.
     */
    private void recordFailure(String actor, String username, String clientAddress) {
        audit.action(AuditAction.LOGIN_FAILURE).actor(actor).recordAlone();
        long locked = throttle.lockedFor(username, clientAddress, System.currentTimeMillis());
        if (locked > 0) {
            audit.action(AuditAction.LOGIN_LOCKED).actor(actor)
                    .details(JsonBuilders.object().add("locked_seconds", (locked + 999) / 1000).build())
                    .recordAlone();
        }
    }
}
