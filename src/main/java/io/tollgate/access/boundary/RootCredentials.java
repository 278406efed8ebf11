package io.tollgate.access.boundary;

import io.tollgate.tokens.control.TokenSecrets;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The root credential (spec section 1). On start: {@code tollgate.root-token} if set (replacing a
 * stored one that differs), else the stored one, else a freshly minted token printed once. Only its
 * SHA-256 is kept, in the database and here.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RootCredentials {

    static final int MIN_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(RootCredentials.class.getName());

    @Inject
    RootCredentialStore store;

    @Inject
    @ConfigProperty(name = "tollgate.root-token")
    Optional<String> configured;

    private volatile byte[] rootHash = new byte[0];

    @PostConstruct
    void establish() {
        String configuredHash = configured.map(value -> TokenSecrets.hash(requireAcceptable(value))).orElse(null);
        try {
            remember(store.establish(configuredHash));
        } catch (RuntimeException firstTry) {
            // another node starting at the same moment stored one first: agree with it
            LOG.log(Level.INFO, "Root credential stored concurrently by another node; reading it again");
            remember(store.establish(configuredHash));
        }
    }

    /** Whether a presented credential's SHA-256 hex is the root credential's, in constant time. */
    public boolean isRoot(String presentedHash) {
        return MessageDigest.isEqual(rootHash, presentedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private void remember(String hash) {
        rootHash = hash.getBytes(StandardCharsets.US_ASCII);
    }

    private static String requireAcceptable(String value) {
        int length = value.codePointCount(0, value.length());
        boolean printable = value.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c));
        if (length < MIN_LENGTH || !printable) {
            String reason = "TOLLGATE_ROOT_TOKEN must be at least " + MIN_LENGTH
                    + " printable characters without spaces; refusing to start";
            LOG.severe(reason);
            Thread stopper = new Thread(() -> System.exit(78), "tollgate-stop");
            stopper.setDaemon(false);
            stopper.start();
            throw new IllegalStateException(reason);
        }
        return value;
    }
}
