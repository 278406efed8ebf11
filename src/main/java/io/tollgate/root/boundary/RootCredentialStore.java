package io.tollgate.root.boundary;

import io.tollgate.time.Now;
import jakarta.inject.Inject;
import io.tollgate.root.entity.RootCredential;
import io.tollgate.access.control.CredentialHash;
import io.tollgate.tokens.control.TokenSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;

/** Reads, sets or replaces the stored root credential, in a transaction of its own. */
@ApplicationScoped
public class RootCredentialStore {

    @Inject
    Now clock;

    private static final Logger LOG = Logger.getLogger(RootCredentialStore.class.getName());

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    /** The hash to accept as root, and the root token itself when it was minted just now (else null). */
    public record Established(String hash, String minted) {
    }

    /**
     * The hash to accept as root: {@code configuredHash} (stored, replacing a different one) if the
     * operator configured a root token; else the stored one; else a new token's, which the caller
     * prints once (in the start summary).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Established establish(String configuredHash) {
        long now = clock.millis();
        RootCredential stored = em.find(RootCredential.class, RootCredential.ID);
        if (configuredHash != null) {
            if (stored == null) {
                em.persist(new RootCredential(configuredHash, now));
                em.flush();
                LOG.info("Root credential set from TOLLGATE_ROOT_TOKEN");
            } else if (!stored.hash().equals(configuredHash)) {
                stored.replace(configuredHash, now);
                LOG.info("Root credential replaced from TOLLGATE_ROOT_TOKEN");
            }
            return new Established(configuredHash, null);
        }
        if (stored != null) {
            return new Established(stored.hash(), null);
        }
        String secret = TokenSecrets.mint();
        String hash = CredentialHash.of(secret);
        em.persist(new RootCredential(hash, now));
        em.flush();
        return new Established(hash, secret);
    }
}
