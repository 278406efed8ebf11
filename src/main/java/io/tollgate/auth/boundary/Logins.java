package io.tollgate.auth.boundary;

import io.tollgate.time.Now;
import io.tollgate.audit.boundary.AuditTrail;
import io.tollgate.audit.entity.AuditAction;
import io.tollgate.errors.Forbidden;
import io.tollgate.errors.TooManyAttempts;
import io.tollgate.errors.Unauthorized;
import io.tollgate.json.JsonBuilders;
import io.tollgate.net.AddressThrottle;
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
 * that window ends (429 with Retry-After, see {@link LoginThrottle}). Across usernames, more than
 * {@code tollgate.auth.login.max-failures-per-address} failures from one client address within a
 * minute (password spraying) refuse that address, right passwords included, until the minute ends
 * ({@link AddressThrottle}). A username longer than any user can have is a 401 at once: no password
 * check, nothing remembered.
 */
@ApplicationScoped
public class Logins {

    @Inject
    Now clock;

    /** No user's name is longer (see {@code User}): longer ones are neither checked nor tracked. */
    static final int MAX_USERNAME = 64;
    /** The spec counts failures per address "per minute". */
    static final Duration ADDRESS_WINDOW = Duration.ofMinutes(1);

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

    @Inject
    @ConfigProperty(name = "tollgate.auth.login.max-failures-per-address", defaultValue = "30")
    int addressMaxFailures;

    private LoginThrottle throttle;
    private AddressThrottle addresses;

    @PostConstruct
    void init() {
        throttle = new LoginThrottle(maxFailures, window.toMillis(), lockout.toMillis(),
                usernameMaxFailures, usernameWindow.toMillis(), maxTracked);
        addresses = new AddressThrottle(addressMaxFailures, ADDRESS_WINDOW.toMillis(), maxTracked);
    }

    /**
     * A session JWT for the right password; {@code clientAddress} is the request's client address
     * ({@code net.ClientAddress}: behind a trusted proxy, the forwarded client, never the proxy).
     */
    public JsonObject login(String username, String password, String clientAddress) {
        if (JwtConfigSource.externalIdentityProvider()) {
            throw new Forbidden("password login is off: this server trusts an external identity provider");
        }
        if (username.length() > MAX_USERNAME) {
            throw new Unauthorized("wrong username or password");
        }
        long now = clock.millis();
        long wait = addresses.attempt(clientAddress, now);
        if (wait > 0) {
            throw new TooManyAttempts("too many failed logins from this address; try again later", seconds(wait));
        }
        wait = throttle.attempt(username, clientAddress, now);
        if (wait > 0) {
            addresses.takeBack(clientAddress, now);
            throw new TooManyAttempts("too many failed logins for this username; try again later", seconds(wait));
        }
        User user;
        boolean matches;
        try {
            user = users.find(username);
            matches = passwords.matches(password, user == null ? null : user.passwordHash());
        } catch (RuntimeException unchecked) {
            // no password was checked (a database outage, say): no failure of the address's either
            addresses.takeBack(clientAddress, now);
            throw unchecked;
        }
        if (!matches) {
            recordFailure(user == null ? AuditTrail.ANONYMOUS : username, username, clientAddress);
            throw new Unauthorized("wrong username or password");
        }
        throttle.succeeded(username, clientAddress, now);
        addresses.takeBack(clientAddress, now);
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
     * started a lock also records {@code login.locked}, once per lock, with {@code scope}
     * {@code username} (this username, from this address or everywhere) or {@code address} (every
     * username from this address; the event's {@code ip}).
     */
    private void recordFailure(String actor, String username, String clientAddress) {
        audit.action(AuditAction.LOGIN_FAILURE).actor(actor).recordAlone();
        long now = clock.millis();
        recordLock(actor, "username", throttle.lockedFor(username, clientAddress, now));
        recordLock(actor, "address", addresses.failed(clientAddress, now));
    }

    private void recordLock(String actor, String scope, long lockedMillis) {
        if (lockedMillis > 0) {
            audit.action(AuditAction.LOGIN_LOCKED).actor(actor)
                    .details(JsonBuilders.object().add("locked_seconds", seconds(lockedMillis)).add("scope", scope).build())
                    .recordAlone();
        }
    }

    /** Milliseconds as whole seconds, rounded up: a Retry-After never asks for a retry too early. */
    private static long seconds(long millis) {
        return (millis + 999) / 1000;
    }
}
