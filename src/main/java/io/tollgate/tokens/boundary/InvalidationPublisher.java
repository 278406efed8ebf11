package io.tollgate.tokens.boundary;

import io.tollgate.brokers.entity.BrokerDeleted;
import io.tollgate.projects.entity.ProjectDeleted;
import io.tollgate.tokens.entity.TokensChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What both cluster-wide invalidation paths share (Payara's {@link ClusterInvalidation}, WildFly's
 * {@link WildFlyClusterInvalidation}; at most one of them is a bean on a server): after the commit of
 * a change that makes cached lookups stale, a key goes to the other nodes (the token's id, or
 * {@link #ALL} when a project or a broker went), and a key received, from any node, drops the
 * matching entries of {@link ActiveTokens}. Before commit nothing is sent: a rolled-back delete
 * changes no node's cache.
 */
abstract class InvalidationPublisher {

    static final String ALL = "*";
    /** How long a published key stays in the replicated record (a node that joins later reads the database). */
    static final long LIFESPAN_MINUTES = 10;
    private static final Logger LOG = Logger.getLogger(InvalidationPublisher.class.getName());

    @Inject
    ActiveTokens tokens;

    /** Makes the bean (and its listener) start with the application rather than on first use. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // creating the bean for this observer joins the cluster (a @PostConstruct, or an observer of the same event)
    }

    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) TokensChanged change) {
        publish(change.tokenId());
    }

    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProjectDeleted deleted) {
        publish(ALL);
    }

    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) BrokerDeleted deleted) {
        publish(ALL);
    }

    /**
     * Sends {@code key} to every node; does nothing when this node is not in a cluster. A failure is
     * logged, never thrown: the change is committed, and the other nodes' entries still expire.
     */
    final void publish(String key) {
        if (!clustered()) {
            return;
        }
        try {
            // a unique value makes every publication a write the listeners see, even for the same key
            write(key, UUID.randomUUID().toString(), LIFESPAN_MINUTES);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not publish a token cache invalidation: {0}", e.toString());
        }
    }

    /** Whether this node joined a cluster (else invalidation is local, by {@link ActiveTokens} itself). */
    abstract boolean clustered();

    /** Writes {@code key} to the replicated record, to live {@code minutes}. */
    abstract void write(String key, String value, long minutes);

    /** Applies a key another node (or this one) published. */
    final void received(String key) {
        tokens.invalidate(ALL.equals(key) ? null : key);
    }
}
