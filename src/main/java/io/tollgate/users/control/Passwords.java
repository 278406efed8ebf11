package io.tollgate.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password hashing by the container's Jakarta Security {@link Pbkdf2PasswordHash}, set to the strength
 * the application always used (PBKDF2-HMAC-SHA256, 210 000 iterations, 16-byte salt, 32-byte key). New
 * hashes are in the library's documented format {@code PBKDF2WithHmacSHA256:<iterations>:<salt>:<key>};
 * hashes stored by earlier versions ({@code pbkdf2-sha256$<iterations>$<salt>$<key>}, unpadded base64)
 * are the same derivation and are rewritten into that format before the library verifies them.
 * <p>
 * The iteration count of new hashes can be lowered with {@code tollgate.password.iterations}
 * ({@code TOLLGATE_PASSWORD_ITERATIONS}) for test servers only, which hash by the hundred: every
 * stored hash records its own count and is verified with it, so nothing else changes. Unset, it is
 * {@value #ITERATIONS}; a lower value is logged as a warning at start, and the library refuses one
 * below its minimum of 1 024 (the deployment fails).
 */
@ApplicationScoped
public class Passwords {

    public static final int ITERATIONS = 210_000;
    private static final String LEGACY_PREFIX = "pbkdf2-sha256";

    private static final Logger LOG = Logger.getLogger(Passwords.class.getName());

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "tollgate.password.iterations")
    Optional<Integer> configuredIterations;

    /** Checked against when the user does not exist, so both answers take the same time. */
    private String decoy;

    @PostConstruct
    void init() {
        int iterations = iterations(configuredIterations);
        if (iterations < ITERATIONS) {
            LOG.warning(() -> "New password hashes use " + iterations + " PBKDF2 iterations, fewer than the default "
                    + ITERATIONS + " (tollgate.password.iterations): meant for test servers only");
        }
        // The implementation is @Dependent: this instance is ours alone, initialised once, before any use.
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        decoy = hash("decoy-password-never-matches-anything");
    }

    /** The iteration count of new hashes: the configured one, else the default {@value #ITERATIONS}. */
    static int iterations(Optional<Integer> configured) {
        return configured.orElse(ITERATIONS);
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    /** Whether {@code password} matches {@code stored}; with a null {@code stored} it spends the same time and says no. */
    public boolean matches(String password, String stored) {
        String encoded = stored == null ? decoy : libraryFormat(stored);
        if (encoded == null) {
            return false;
        }
        boolean same;
        try {
            same = pbkdf2.verify(password.toCharArray(), encoded);
        } catch (IllegalArgumentException e) {
            return false; // a stored value the library cannot read matches no password
        }
        return stored != null && same;
    }

    /** {@code stored} in the library's format: as it is, or translated from the legacy format (null if that is malformed). */
    static String libraryFormat(String stored) {
        if (!stored.startsWith(LEGACY_PREFIX + "$")) {
            return stored;
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[1].matches("[0-9]{1,9}")) {
            return null;
        }
        try {
            // Re-encoded with padding: the library's format is standard base64, the legacy one left the padding out.
            Base64.Encoder base64 = Base64.getEncoder();
            return "PBKDF2WithHmacSHA256:" + Integer.parseInt(parts[1])
                    + ":" + base64.encodeToString(Base64.getDecoder().decode(parts[2]))
                    + ":" + base64.encodeToString(Base64.getDecoder().decode(parts[3]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
