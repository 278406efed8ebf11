package io.tollgate.tokens.boundary;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Spreads token cache invalidations over a Payara Micro cluster through a replicated Hazelcast map:
 * every committed change (token, broker or project deleted) is written to it, and every node drops
 * the matching cache entries when its listener sees the write. The map is the record, not a
 * fire-and-forget message: a node that (re)joins starts with an empty cache and reads the database.
 * Without Hazelcast ({@code --nohazelcast}, the injected instance is null; or another runtime, where
 * this class is not loadable) invalidation stays local, done by {@link ActiveTokens} itself.
 * What is published when, and what a received key does: {@link InvalidationPublisher}.
 */
@ApplicationScoped
public class ClusterInvalidation extends InvalidationPublisher {

    static final String MAP = "tollgate-token-invalidations";
    private static final Logger LOG = Logger.getLogger(ClusterInvalidation.class.getName());

    @Inject
    Instance<HazelcastInstance> hazelcast;

    private IMap<String, String> invalidations;
    private UUID listener;

    @PostConstruct
    void join() {
        HazelcastInstance instance = hazelcast.isResolvable() ? hazelcast.get() : null;
        if (instance == null) {
            LOG.info("Token cache invalidation is local to this node (no cluster)");
            return;
        }
        try {
            invalidations = instance.getMap(MAP);
            listener = invalidations.addEntryListener(new Listener(), true);
            LOG.info("Token cache invalidation is cluster-wide");
        } catch (RuntimeException e) {
            invalidations = null;
            LOG.log(Level.WARNING, "Cluster-wide token cache invalidation unavailable: {0}", e.toString());
        }
    }

    @Override
    boolean clustered() {
        return invalidations != null;
    }

    @Override
    void write(String key, String value, long minutes) {
        invalidations.put(key, value, minutes, TimeUnit.MINUTES);
    }

    @PreDestroy
    void leave() {
        if (invalidations != null && listener != null) {
            try {
                invalidations.removeEntryListener(listener);
            } catch (RuntimeException ignored) {
                // the cluster is shutting down with us
            }
        }
    }

    /** Drops what another node (or this one) invalidated. */
    final class Listener implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            received(event.getKey());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            received(event.getKey());
        }
    }
}
