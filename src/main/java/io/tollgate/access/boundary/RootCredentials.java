package io.tollgate.access.boundary;

import io.tollgate.access.entity.RootCredential;
import io.tollgate.tokens.control.TokenSecrets;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
public class RootCredentials {

    static final int MIN_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(RootCredentials.class.getName());

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "tollgate.root-token")
    Optional<String> configured;

    private volatile byte[] rootHash = new byte[0];

    @PostConstruct
    void establish() {
        long now = System.currentTimeMillis();
        RootCredential stored = em.find(RootCredential.class, RootCredential.ID);
        if (configured.isPresent()) {
            String hash = TokenSecrets.hash(requireAcceptable(configured.get()));
            if (stored == null) {
                em.persist(new RootCredential(hash, now));
                LOG.info("Root credential set from TOLLGATE_ROOT_TOKEN");
            } else if (!stored.hash().equals(hash)) {
                stored.replace(hash, now);
                LOG.info("Root credential replaced from TOLLGATE_ROOT_TOKEN");
            }
            remember(hash);
        } else if (stored != null) {
            remember(stored.hash());
        } else {
            String secret = TokenSecrets.mint();
            String hash = TokenSecrets.hash(secret);
            em.persist(new RootCredential(hash, now));
            em.flush();
            remember(hash);
            LOG.log(Level.INFO, "Tollgate root token: {0}", secret);
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
