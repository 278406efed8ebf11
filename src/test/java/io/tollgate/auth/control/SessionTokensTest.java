package io.tollgate.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private static final long NOW = 1_800_000_000_123L;
    private static final KeyPair KEYS = JwtVerifierTest.rsa();

    @Test
    void aMintedSessionIsAnRs256JwtTheVerifierAccepts() throws Exception {
        String jwt = SessionTokens.mint(KEYS.getPrivate(), "tollgate", "alice", 42L, NOW, NOW + 3_600_000);
        SignedJWT parsed = SignedJWT.parse(jwt);
        assertEquals(JWSAlgorithm.RS256, parsed.getHeader().getAlgorithm());
        assertEquals("JWT", parsed.getHeader().getType().getType());

        JwtVerifier verifier = new JwtVerifier(
                new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).build())),
                Set.of(JWSAlgorithm.RS256), "tollgate", null, 60, () -> NOW);
        JWTClaimsSet claims = verifier.verify(jwt);
        assertNotNull(claims);
        assertEquals("alice", claims.getSubject());
        assertEquals("alice", claims.getStringClaim("upn"));
        assertEquals(List.of("user"), claims.getStringListClaim("groups"));
        assertEquals(NOW / 1000, claims.getIssueTime().getTime() / 1000);
        assertEquals(3600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertEquals(42L, claims.getLongClaim(SessionTokens.USER_CREATED));
        assertNotEquals(claims.getJWTID(), SignedJWT.parse(SessionTokens.mint(KEYS.getPrivate(), "tollgate", "alice", 42L,
                NOW, NOW + 3_600_000)).getJWTClaimsSet().getJWTID());
    }
}
