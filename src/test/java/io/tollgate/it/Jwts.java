package io.tollgate.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads, tampers with and mints JWTs with the JDK only (RSA 2048 + SHA256withRSA), for tests of the
 * session JWTs Tollgate verifies.
 */
final class Jwts {

    static final JsonObject RS256_HEADER = Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Jwts() {
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RS256 JWT of {@code claims} signed with {@code key}. */
    static String rs256(PrivateKey key, JsonObject claims) {
        return rs256(key, RS256_HEADER, claims);
    }

    static String rs256(PrivateKey key, JsonObject header, JsonObject claims) {
        String input = encode(header) + "." + encode(claims);
        try {
            java.security.Signature signature = java.security.Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + ENCODER.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HS256 JWT: HMAC-SHA256 with {@code secret} (for key-confusion attempts). */
    static String hs256(byte[] secret, JsonObject claims) {
        String input = encode(Json.createObjectBuilder().add("alg", "HS256").add("typ", "JWT").build()) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + ENCODER.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned JWT ({@code alg: none}, empty signature). */
    static String unsigned(JsonObject claims) {
        return encode(Json.createObjectBuilder().add("alg", "none").add("typ", "JWT").build()) + "." + encode(claims) + ".";
    }

    static JsonObject header(String jwt) {
        return decode(jwt.split("\\.")[0]);
    }

    static JsonObject claims(String jwt) {
        return decode(jwt.split("\\.")[1]);
    }

    /** The same JWT (header and signature kept) with its payload replaced by {@code claims}. */
    static String withClaims(String jwt, JsonObject claims) {
        String[] parts = jwt.split("\\.");
        return parts[0] + "." + encode(claims) + "." + parts[2];
    }

    /**
     * The same JWT with one character in the middle of its signature changed (not the last one, whose
     * low bits base64url decoders may ignore).
     */
    static String withFlippedSignature(String jwt) {
        int dot = jwt.lastIndexOf('.');
        int at = dot + (jwt.length() - dot) / 2;
        char c = jwt.charAt(at);
        return jwt.substring(0, at) + (c == 'A' ? 'B' : 'A') + jwt.substring(at + 1);
    }

    static String encode(JsonObject json) {
        return ENCODER.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject decode(String part) {
        return Json.createReader(new StringReader(new String(DECODER.decode(part), StandardCharsets.UTF_8))).readObject();
    }
}
