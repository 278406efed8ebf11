package io.tollgate.tokens.boundary;

import io.tollgate.tokens.entity.ProjectToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The tokens' application metrics (spec section 7): lifecycle counters, which the operations call
 * once their change is made, and the number of tokens by status, a gauge whose two count queries run
 * at most once per {@link #COUNTS_MAX_AGE_MILLIS} (or after a change on this node), not per scrape.
 */
@ApplicationScoped
public class TokenMetrics {

    private static final Logger LOG = Logger.getLogger(TokenMetrics.class.getName());
    static final long COUNTS_MAX_AGE_MILLIS = 10_000;

    @Inject
    MetricRegistry registry;

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    private Counter creations;
    private Counter rotations;
    private Counter suspensions;
    private Counter deletions;

    private record Counts(long at, long valid, long expired) {
    }

    private volatile Counts counts = new Counts(Long.MIN_VALUE, 0, 0);

    @PostConstruct
    void register() {
        creations = counter("tollgate_token_creations", "Project tokens created");
        rotations = counter("tollgate_token_rotations", "Project token secrets rotated");
        suspensions = counter("tollgate_token_suspensions", "Project tokens suspended");
        deletions = counter("tollgate_token_deletions", "Project tokens deleted one by one");
        Metadata tokens = Metadata.builder().withName("tollgate_tokens")
                .withDescription("Project tokens by status (counted at most every 10 s)").build();
        registry.gauge(tokens, this, metrics -> metrics.counts().valid(), new Tag("status", "valid"));
        registry.gauge(tokens, this, metrics -> metrics.counts().expired(), new Tag("status", "expired"));
    }

    private Counter counter(String name, String description) {
        return registry.counter(Metadata.builder().withName(name).withDescription(description).build());
    }

    public void created() {
        creations.inc();
        counts = new Counts(Long.MIN_VALUE, counts.valid(), counts.expired());
    }

    public void rotated() {
        rotations.inc();
    }

    public void suspended() {
        suspensions.inc();
        counts = new Counts(Long.MIN_VALUE, counts.valid(), counts.expired());
    }

    public void deleted() {
        deletions.inc();
        counts = new Counts(Long.MIN_VALUE, counts.valid(), counts.expired());
    }

    private Counts counts() {
        Counts known = counts;
        long now = System.currentTimeMillis();
        if (known.at() != Long.MIN_VALUE && now - known.at() < COUNTS_MAX_AGE_MILLIS) {
            return known;
        }
        try {
            long all = em.createQuery("SELECT COUNT(t) FROM ProjectToken t", Long.class).getSingleResult();
            long valid = em.createQuery("SELECT COUNT(t) FROM " + ProjectToken.class.getSimpleName()
                    + " t WHERE t.validDate > :now", Long.class).setParameter("now", now).getSingleResult();
            known = new Counts(now, valid, all - valid);
            counts = known;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not count tokens for the metrics", e);
        }
        return known;
    }
}
