package io.tollgate.auth.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Mints the RS256 session JWT a person gets at login (nimbus); {@link JwtVerifier} verifies it afterwards. */
public final class SessionTokens {

    /** The user's creation date: a session is refused once its user is deleted, even if re-created. */
    public static final String USER_CREATED = "tollgate_user_created";

    private SessionTokens() {
    }

    /** A signed JWT for {@code username}, valid from {@code nowMillis} until {@code expiresAtMillis}. */
    public static String mint(String issuer, String username, long userCreated, long nowMillis, long expiresAtMillis) {
        return mint(JwtKeys.keyPair().getPrivate(), issuer, username, userCreated, nowMillis, expiresAtMillis);
    }

    static String mint(PrivateKey key, String issuer, String username, long userCreated, long nowMillis,
                       long expiresAtMillis) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(username)
                .claim("upn", username)
                .claim("groups", List.of("user"))
                .issueTime(new Date(nowMillis))
                .expirationTime(new Date(expiresAtMillis))
                .jwtID(UUID.randomUUID().toString())
                .claim(USER_CREATED, userCreated)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a session token", e);
        }
        return jwt.serialize();
    }
}
