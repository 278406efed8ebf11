package io.tollgate.hooks.control;

import io.tollgate.access.control.CredentialHash;
import java.security.SecureRandom;

/**
 * Broker hook keys: {@code tgb_} + 40 base62 characters from {@link SecureRandom} (238 bits). Only the
 * SHA-256 hex of the whole value is stored; a value of the wrong shape is refused without a lookup.
 */
public final class HookKeySecrets {

    public static final String PREFIX = "tgb_";
    static final int RANDOM_CHARS = 40;
    public static final int LENGTH = PREFIX.length() + RANDOM_CHARS;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private HookKeySecrets() {
    }

    /** A fresh key; the caller shows it once and keeps only {@link #hash}. */
    public static String mint() {
        StringBuilder key = new StringBuilder(LENGTH).append(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            key.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        return key.toString();
    }

    /** Prefix, length and alphabet are right: worth a lookup. */
    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != LENGTH || !value.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    public static String hash(String key) {
        return CredentialHash.of(key);
    }
}
