package io.tollgate.auth.control;

import io.tollgate.config.DataDirectory;
import io.tollgate.config.EarlyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The RSA key pair that signs session JWTs. From configuration ({@code tollgate.jwt.private-key},
 * base64 PKCS#8, PEM armor allowed, or a private RSA JWK: every node of a cluster gets the same) or, on the embedded default, generated on
 * first start into {@code <data dir>/jwt-signing-key.pk8} (owner-only) and reused after restarts.
 */
public final class JwtKeys {

    static final String PRIVATE_KEY = "tollgate.jwt.private-key";
    private static final String FILE = "jwt-signing-key.pk8";
    private static volatile KeyPair keys;

    private JwtKeys() {
    }

    public static KeyPair keyPair() {
        KeyPair found = keys;
        if (found == null) {
            synchronized (JwtKeys.class) {
                found = keys;
                if (found == null) {
                    found = load();
                    keys = found;
                }
            }
        }
        return found;
    }

    /** Whether the signing key comes from configuration rather than the data directory. */
    public static boolean configured() {
        return EarlyConfig.value(PRIVATE_KEY) != null;
    }

    /** The public key as base64 X.509, the form {@code mp.jwt.verify.publickey} takes. */
    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keyPair().getPublic().getEncoded());
    }

    private static KeyPair load() {
        try {
            String configured = EarlyConfig.value(PRIVATE_KEY);
            if (configured != null) {
                return KeyText.rsaKeyPair(configured);
            }
            Path file = dataDir().resolve(FILE);
            if (Files.exists(file)) {
                return KeyText.rsaKeyPair(Files.readString(file, StandardCharsets.US_ASCII));
            }
            return generateInto(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the JWT signing key", e);
        } catch (GeneralSecurityException | java.text.ParseException | com.nimbusds.jose.JOSEException
                 | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("the JWT signing key is not a valid RSA key (PKCS#8 or JWK)", e);
        }
    }

    private static KeyPair generateInto(Path file) throws IOException, GeneralSecurityException,
            java.text.ParseException, com.nimbusds.jose.JOSEException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
        Files.writeString(temporary, Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()),
                StandardCharsets.US_ASCII);
        try {
            // link() fails if the file exists: when another node sharing the directory won the race,
            // theirs is kept and read back below, so both sign with the same key
            Files.createLink(file, temporary);
        } catch (java.nio.file.FileAlreadyExistsException theirsWon) {
            // read below
        } finally {
            Files.deleteIfExists(temporary);
        }
        return KeyText.rsaKeyPair(Files.readString(file, StandardCharsets.US_ASCII));
    }

    private static Path dataDir() {
        return DataDirectory.established();
    }
}
