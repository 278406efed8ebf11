package io.tollgate.auth.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.X509CertUtils;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;

/**
 * Keys as operators write them: a JWK or JWK set (nimbus), a PEM certificate (nimbus), or DER in
 * base64 with or without PEM armor (the JDK's key factories). Nimbus's own PEM key parser needs
 * BouncyCastle (some 9 MB), so PEM armor around a DER key is taken off here, without a regex.
 */
final class KeyText {

    private KeyText() {
    }

    /** Verification keys: {@code mp.jwt.verify.publickey} or the content its location points to. */
    static JWKSet publicKeys(String text) throws ParseException, GeneralSecurityException, JOSEException {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return trimmed.contains("\"keys\"") ? JWKSet.parse(trimmed) : new JWKSet(JWK.parse(trimmed));
        }
        if (trimmed.contains("-----BEGIN CERTIFICATE-----")) {
            X509Certificate certificate = X509CertUtils.parseWithException(trimmed);
            return new JWKSet(JWK.parse(certificate));
        }
        byte[] der = der(trimmed);
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException notRsa) {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        }
        if (key instanceof RSAPublicKey rsa) {
            return new JWKSet(new RSAKey.Builder(rsa).build());
        }
        ECPublicKey ec = (ECPublicKey) key;
        return new JWKSet(new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build());
    }

    /** An RSA signing key pair: a private RSA JWK, or PKCS#8 DER in base64 (PEM armor allowed). */
    static KeyPair rsaKeyPair(String text) throws ParseException, GeneralSecurityException, JOSEException {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            RSAKey jwk = RSAKey.parse(trimmed);
            if (!jwk.isPrivate()) {
                throw new GeneralSecurityException("the JWK holds no private key");
            }
            return jwk.toKeyPair();
        }
        KeyFactory factory = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der(trimmed)));
        return new KeyPair(factory.generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent())), privateKey);
    }

    /** The DER bytes of base64 text, inside {@code -----BEGIN …-----} / {@code -----END …-----} if present. */
    static byte[] der(String text) {
        String body = text;
        int begin = body.indexOf("-----BEGIN ");
        if (begin >= 0) {
            int labelEnd = body.indexOf("-----", begin + "-----BEGIN ".length());
            int end = labelEnd < 0 ? -1 : body.indexOf("-----END ", labelEnd + 5);
            if (end < 0) {
                throw new IllegalArgumentException("incomplete PEM block");
            }
            body = body.substring(labelEnd + 5, end);
        }
        return Base64.getMimeDecoder().decode(body);
    }
}
