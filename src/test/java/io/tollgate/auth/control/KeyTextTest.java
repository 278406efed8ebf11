package io.tollgate.auth.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyTextTest {

    private static final KeyPair KEYS = JwtVerifierTest.rsa();

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @Test
    void aSigningKeyIsReadFromBase64PemOrAPrivateJwk() throws Exception {
        byte[] pkcs8 = KEYS.getPrivate().getEncoded();
        String jwk = new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).privateKey(KEYS.getPrivate()).build().toJSONString();
        for (String text : new String[] {Base64.getEncoder().encodeToString(pkcs8), Base64.getMimeEncoder().encodeToString(pkcs8),
                pem("PRIVATE KEY", pkcs8), jwk}) {
            KeyPair read = KeyText.rsaKeyPair(text);
            assertArrayEquals(KEYS.getPublic().getEncoded(), read.getPublic().getEncoded(), text);
            assertArrayEquals(pkcs8, read.getPrivate().getEncoded(), text);
        }
    }

    @Test
    void aPublicJwkIsNoSigningKey() {
        String jwk = new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).build().toJSONString();
        assertThrows(GeneralSecurityException.class, () -> KeyText.rsaKeyPair(jwk));
        assertThrows(IllegalArgumentException.class, () -> KeyText.rsaKeyPair("-----BEGIN PRIVATE KEY-----\nabc"));
    }

    @Test
    void aVerificationKeyIsReadFromBase64PemAJwkOrAJwkSet() throws Exception {
        byte[] spki = KEYS.getPublic().getEncoded();
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).keyID("k1").build();
        for (String text : new String[] {Base64.getEncoder().encodeToString(spki), pem("PUBLIC KEY", spki),
                jwk.toJSONString(), new JWKSet(jwk).toString()}) {
            JWKSet keys = KeyText.publicKeys(text);
            assertEquals(1, keys.size(), text);
            assertArrayEquals(spki, keys.getKeys().get(0).toRSAKey().toPublicKey().getEncoded(), text);
        }
    }
}
