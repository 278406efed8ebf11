package io.tollgate.root.boundary;

import io.tollgate.access.control.CredentialHash;
import io.tollgate.access.control.CredentialResolver;
import io.tollgate.access.entity.Caller;
import io.tollgate.config.Setting;
import io.tollgate.config.StartFailure;
import io.tollgate.storage.boundary.Migrations;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
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
 * SHA-256 is kept, in the database and here. A CDI bean, not an EJB: {@link #isRoot} runs on every
 * request and is a plain method call; the bean is still created when the application starts.
 */
@ApplicationScoped
public class RootCredentials implements CredentialResolver {

    private static final Logger LOG = Logger.getLogger(RootCredentials.class.getName());

    @Inject
    Migrations migrations;

    @Inject
    RootCredentialStore store;

    @Inject
    @ConfigProperty(name = "tollgate.root-token")
    Optional<String> configured;

    private volatile byte[] rootHash = new byte[0];
    /** A root token minted on this (first) start, until the start summary prints it; else null. */
    private volatile String minted;

    @PostConstruct
    void establish() {
        String configuredHash = configured.map(value -> CredentialHash.of(requireAcceptable(value))).orElse(null);
        migrations.ensureMigrated();
        try {
            remember(store.establish(configuredHash));
        } catch (RuntimeException firstTry) {
            // another node starting at the same moment stored one first: agree with it
            LOG.log(Level.INFO, "Root credential stored concurrently by another node; reading it again");
            remember(store.establish(configuredHash));
        }
    }

    /**
     * The root token minted on this start, once: the contract's single printing of it (spec section 1)
     * is the start summary's; null on every later call and whenever none was minted.
     */
    public synchronized String takeMintedToken() {
        String token = minted;
        minted = null;
        return token;
    }

    /** Whether a presented credential's SHA-256 hex is the root credential's, in constant time. */
    public boolean isRoot(String presentedHash) {
        return MessageDigest.isEqual(rootHash, presentedHash.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int priority() {
        return ROOT;
    }

    @Override
    public Caller resolve(String credential, String hash, long now) {
        return isRoot(hash) ? Caller.root() : null;
    }

    private void remember(RootCredentialStore.Established established) {
        rootHash = established.hash().getBytes(StandardCharsets.US_ASCII);
        minted = established.minted();
    }

    private static String requireAcceptable(String value) {
        if (!Setting.Form.CREDENTIAL.accepts(value)) {
            throw StartFailure.stop("TOLLGATE_ROOT_TOKEN must be " + Setting.Form.CREDENTIAL.accepted()
                    + "; refusing to start");
        }
        return value;
    }
}
