package io.tollgate.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Verification on a fixed clock ({@code NOW}), with 60 s of tolerated clock difference. */
class JwtVerifierTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final KeyPair KEYS = rsa();
    private static final KeyPair OTHER = rsa();

    private final JwtVerifier verifier = new JwtVerifier(
            new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).build())),
            Set.of(JWSAlgorithm.RS256), "tollgate", null, 60, () -> NOW);

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer("tollgate").subject("alice").claim("upn", "alice")
                .issueTime(new Date(NOW - 10_000)).expirationTime(new Date(NOW + 3_600_000));
    }

    static String signed(KeyPair keys, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void aGenuineJwtGivesItsClaims() throws Exception {
        JWTClaimsSet claims = verifier.verify(signed(KEYS, claims().build()));
        assertNotNull(claims);
        assertEquals("alice", claims.getStringClaim("upn"));
    }

    @Test
    void notBeforeMoreThanTheSkewAheadIsRefused() throws Exception {
        assertNull(verifier.verify(signed(KEYS, claims().notBeforeTime(new Date(NOW + 3_600_000)).build())));
        assertNull(verifier.verify(signed(KEYS, claims().notBeforeTime(new Date(NOW + 61_000)).build())));
        assertNotNull(verifier.verify(signed(KEYS, claims().notBeforeTime(new Date(NOW + 59_000)).build())),
                "within the tolerated clock difference");
        assertNotNull(verifier.verify(signed(KEYS, claims().notBeforeTime(new Date(NOW - 1_000)).build())));
    }

    @Test
    void issuedAtMoreThanTheSkewAheadIsRefused() throws Exception {
        assertNull(verifier.verify(signed(KEYS, claims().issueTime(new Date(NOW + 3_600_000))
                .expirationTime(new Date(NOW + 7_200_000)).build())));
        assertNotNull(verifier.verify(signed(KEYS, claims().issueTime(new Date(NOW + 30_000)).build())));
    }

    @Test
    void expiredBeyondTheSkewIsRefused() throws Exception {
        assertNull(verifier.verify(signed(KEYS, claims().issueTime(new Date(NOW - 7_200_000))
                .expirationTime(new Date(NOW - 61_000)).build())));
        assertNotNull(verifier.verify(signed(KEYS, claims().expirationTime(new Date(NOW - 59_000)).build())));
    }

    @Test
    void everyForgedOrMalformedJwtIsNullWithoutAnException() throws Exception {
        JWTClaimsSet good = claims().build();
        String genuine = signed(KEYS, good);
        String[] parts = genuine.split("\\.");
        byte[] secret = new byte[32];
        SignedJWT hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), good);
        hs256.sign(new MACSigner(secret));
        SignedJWT keyedWithPublicKey = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), good);
        keyedWithPublicKey.sign(new MACSigner(KEYS.getPublic().getEncoded()));
        String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims().subject("root").claim("upn", "root").build().toString().getBytes());

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("another key", signed(OTHER, good));
        bad.put("payload changed", parts[0] + "." + otherClaims + "." + parts[2]);
        bad.put("no signature", parts[0] + "." + parts[1] + ".");
        bad.put("alg none", new PlainJWT(good).serialize());
        bad.put("HS256", hs256.serialize());
        bad.put("HS256 keyed with the public key", keyedWithPublicKey.serialize());
        bad.put("wrong issuer", signed(KEYS, claims().issuer("evil").build()));
        bad.put("no exp", signed(KEYS, new JWTClaimsSet.Builder().issuer("tollgate").subject("alice").build()));
        bad.put("garbage", "a.b.c");
        bad.put("not base64", "!!!.???.***");
        bad.put("JSON that is no object", "WzFd.WzFd.WzFd");
        bad.put("huge", "eyJ" + "A".repeat(20_000) + ".e30.c2ln");
        bad.put("five parts (JWE)", "a.b.c.d.e");
        bad.put("empty", "");
        bad.forEach((what, jwt) -> assertNull(verifier.verify(jwt), what));
    }

    @Test
    void anAudienceIsCheckedWhenConfigured() throws Exception {
        JwtVerifier withAudience = new JwtVerifier(
                new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).build())),
                Set.of(JWSAlgorithm.RS256), "tollgate", Set.of("tollgate-api"), 60, () -> NOW);
        assertNull(withAudience.verify(signed(KEYS, claims().build())));
        assertNull(withAudience.verify(signed(KEYS, claims().audience("other").build())));
        assertNotNull(withAudience.verify(signed(KEYS, claims().audience("tollgate-api").build())));
    }
}
