package io.tollgate.tokens.control;

import io.tollgate.access.control.CredentialHash;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Project token secrets: {@code tg_} + 30 base62 characters from {@link SecureRandom} (178 bits)
 * + a 6-character base62 CRC32 of everything before it. The checksum lets a malformed or mistyped
 * value be refused without touching the database; the SHA-256 hex of the whole value is all that
 * is ever stored.
 */
public final class TokenSecrets {

    public static final String PREFIX = "tg_";
    static final int RANDOM_CHARS = 30;
    static final int CHECKSUM_CHARS = 6;
    public static final int LENGTH = PREFIX.length() + RANDOM_CHARS + CHECKSUM_CHARS;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    /** A fresh secret; the caller hands it to the client once and keeps only {@link #hash}. */
    public static String mint() {
        String body = PREFIX + random(RANDOM_CHARS);
        return body + checksum(body);
    }

    /** {@code length} base62 characters from {@link SecureRandom}: the random part of every Tollgate secret. */
    public static String random(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(chars);
    }

    /** Whether {@code value} holds only base62 characters from {@code from} on. */
    public static boolean isBase62(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            if (!isBase62(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Prefix, length, alphabet and checksum are right: worth a lookup. */
    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != LENGTH || !value.startsWith(PREFIX)) {
            return false;
        }
        if (!isBase62(value, PREFIX.length())) {
            return false;
        }
        String body = value.substring(0, LENGTH - CHECKSUM_CHARS);
        return checksum(body).equals(value.substring(LENGTH - CHECKSUM_CHARS));
    }

    /** Lower-case hex SHA-256 of the whole value: the token's {@code hash} and lookup key. */
    public static String hash(String value) {
        return CredentialHash.of(value);
    }

    static String checksum(CharSequence body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_CHARS];
        for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
            digits[i] = BASE62[(int) (value % 62)];
            value /= 62;
        }
        return new String(digits);
    }

    private static boolean isBase62(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
