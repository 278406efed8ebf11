package io.tollgate.tokens.boundary;

import io.tollgate.brokers.entity.BrokerDeleted;
import io.tollgate.projects.entity.ProjectDeleted;
import io.tollgate.tokens.entity.TokensChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

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

    /** Sends {@code key} to every node; does nothing when this node is not in a cluster. */
    abstract void publish(String key);

    /** Applies a key another node (or this one) published. */
    final void received(String key) {
        tokens.invalidate(ALL.equals(key) ? null : key);
    }
}
