package io.tollgate.hooks.control;

import io.tollgate.access.control.CredentialHash;
import io.tollgate.tokens.control.TokenSecrets;

/**
 * Broker hook keys: {@code tgb_} + 40 base62 characters ({@link TokenSecrets#random}, 238 bits). Only the
 * SHA-256 hex of the whole value is stored; a value of the wrong shape is refused without a lookup.
 */
public final class HookKeySecrets {

    public static final String PREFIX = "tgb_";
    static final int RANDOM_CHARS = 40;
    public static final int LENGTH = PREFIX.length() + RANDOM_CHARS;

    private HookKeySecrets() {
    }

    /** A fresh key; the caller shows it once and keeps only {@link #hash}. */
    public static String mint() {
        return PREFIX + TokenSecrets.random(RANDOM_CHARS);
    }

    /** Prefix, length and alphabet are right: worth a lookup. */
    public static boolean isWellFormed(String value) {
        return value != null && value.length() == LENGTH && value.startsWith(PREFIX)
                && TokenSecrets.isBase62(value, PREFIX.length());
    }

    public static String hash(String key) {
        return CredentialHash.of(key);
    }
}
