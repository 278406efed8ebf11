package io.tollgate.users.control;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with the JDK's PBKDF2-HMAC-SHA256: 16-byte random salt, 210 000 iterations,
 * 32-byte key, kept as {@code pbkdf2-sha256$<iterations>$<salt>$<key>} (base64) so that the
 * iteration count can grow without invalidating stored hashes.
 */
public final class Passwords {

    public static final int ITERATIONS = 210_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked against when the user does not exist, so both answers take the same time. */
    private static final String DECOY = hash("decoy-password-never-matches-anything");

    private Passwords() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return format(ITERATIONS, salt, derive(password, salt, ITERATIONS));
    }

    /** Whether {@code password} matches {@code stored}; with a null {@code stored} it spends the same time and says no. */
    public static boolean matches(String password, String stored) {
        String[] parts = (stored == null ? DECOY : stored).split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        boolean same = MessageDigest.isEqual(expected, derive(password, salt, iterations));
        return stored != null && same;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by every Java platform", e);
        }
    }

    private static String format(int iterations, byte[] salt, byte[] key) {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(key);
    }

}
