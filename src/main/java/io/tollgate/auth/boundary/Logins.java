package io.tollgate.auth.boundary;

import io.tollgate.json.JsonBuilders;
import io.tollgate.auth.control.JwtConfigSource;
import io.tollgate.auth.control.LoginThrottle;
import io.tollgate.auth.control.SessionTokens;
import io.tollgate.problems.entity.ApiException;
import io.tollgate.problems.entity.Problem;
import io.tollgate.users.boundary.Users;
import io.tollgate.users.control.Passwords;
import io.tollgate.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password login. An unknown user and a wrong password get the same 401 after the same work (a
 * PBKDF2 check either way); more than {@code tollgate.login.max-failures} failures for one username
 * within {@code tollgate.login.window} lock it for {@code tollgate.login.lockout} (429).
 */
@ApplicationScoped
public class Logins {

    @Inject
    Users users;

    @Inject
    Passwords passwords;

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

    private LoginThrottle throttle;

    @PostConstruct
    void init() {
        throttle = new LoginThrottle(maxFailures, window.toMillis(), lockout.toMillis());
    }

    public JsonObject login(String username, String password) {
        if (JwtConfigSource.externalIdentityProvider()) {
            throw ApiException.forbidden("password login is off: this server trusts an external identity provider");
        }
        long now = System.currentTimeMillis();
        long wait = throttle.attempt(username, now);
        if (wait > 0) {
            throw new ApiException(new Problem(429, "TOO_MANY_REQUESTS",
                    "too many failed logins for this username; try again later",
                    Map.of("retry_after_seconds", Long.toString((wait + 999) / 1000))));
        }
        User user = users.find(username);
        if (!passwords.matches(password, user == null ? null : user.passwordHash())) {
            throw ApiException.unauthorized("wrong username or password");
        }
        throttle.succeeded(username);
        long expiresAt = now + lifetime.toMillis();
        return JsonBuilders.object()
                .add("token", SessionTokens.mint(issuer, username, user.createdDate(), now, expiresAt))
                .add("expires_at", expiresAt / 1000 * 1000)
                .build();
    }
}
