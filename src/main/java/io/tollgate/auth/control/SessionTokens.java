package io.tollgate.auth.control;

import io.tollgate.json.JsonBuilders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.UUID;

/** Mints the RS256 session JWT a person gets at login; MicroProfile JWT verifies it afterwards. */
public final class SessionTokens {

    /** The user's creation date: a session is refused once its user is deleted, even if re-created. */
    public static final String USER_CREATED = "tollgate_user_created";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private SessionTokens() {
    }

    /** A signed JWT for {@code username}, valid from {@code nowMillis} until {@code expiresAtMillis}. */
    public static String mint(String issuer, String username, long userCreated, long nowMillis, long expiresAtMillis) {
        String header = JsonBuilders.object().add("alg", "RS256").add("typ", "JWT").build().toString();
        String claims = JsonBuilders.object()
                .add("iss", issuer)
                .add("sub", username)
                .add("upn", username)
                .add("groups", JsonBuilders.array().add("user"))
                .add("iat", nowMillis / 1000)
                .add("exp", expiresAtMillis / 1000)
                .add("jti", UUID.randomUUID().toString())
                .add(USER_CREATED, userCreated)
                .build().toString();
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(JwtKeys.keyPair().getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a session token", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
