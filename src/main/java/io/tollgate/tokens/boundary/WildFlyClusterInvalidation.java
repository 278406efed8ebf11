package io.tollgate.tokens.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.infinispan.notifications.cachemanagerlistener.annotation.Merged;
import org.infinispan.notifications.cachemanagerlistener.annotation.ViewChanged;
import org.infinispan.notifications.cachemanagerlistener.event.ViewChangedEvent;

/**
 * Spreads token cache invalidations over a WildFly cluster through WildFly's own clustering: a
 * replicated Infinispan cache ({@value #CACHE}, which {@code scripts/wildfly-setup.sh} defines in
 * {@code standalone-microprofile-ha.xml} on the JGroups channel of the server, and which
 * {@code WEB-INF/jboss-web.xml} references so that WildFly starts it) written after every
 * committed change, and a listener on every node that drops the matching entries when a write
 * reaches it. The same model as Payara's {@link ClusterInvalidation}: the cache is the record (keys
 * live 10 minutes), a (re)joining node starts with an empty token cache and reads the database. The
 * replication is synchronous: the write returns once every member applied it, so the node that
 * answers a delete has made every other node refuse the token before it answers.
 * Where that cache is local (the single-node {@code standalone-microprofile.xml}, where the setup
 * script defines it so that the reference resolves) or absent, invalidation stays local, done by
 * {@link ActiveTokens} itself; on another runtime
 * this class is not loadable and {@code WEB-INF/beans.xml} leaves it out.
 */
@ApplicationScoped
public class WildFlyClusterInvalidation extends InvalidationPublisher {

    static final String CACHE = "java:jboss/infinispan/cache/tollgate/invalidations";
    /** The deployment's reference to {@link #CACHE} ({@code WEB-INF/jboss-web.xml}), which makes WildFly start the cache. */
    static final String REFERENCE = "java:comp/env/tollgate/invalidations";
    private static final Logger LOG = Logger.getLogger(WildFlyClusterInvalidation.class.getName());

    private final Received listener = new Received();
    private final Members members = new Members();
    private Cache<String, String> invalidations;

    /**
     * Joins at the application's start, as an observer rather than a {@code @PostConstruct}: Payara's
     * annotation scanner loads every class with a lifecycle annotation, and would log a SEVERE error
     * for this one, whose Infinispan types it has not (CDI leaves it out there, by {@code beans.xml}).
     */
    void join(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Cache<String, String> cache;
        try {
            cache = lookup();
        } catch (NamingException | ClassCastException e) {
            LOG.info("Token cache invalidation is local to this node (no cluster: no cache " + CACHE + ")");
            return;
        }
        if (!cache.getCacheConfiguration().clustering().cacheMode().isClustered()) {
            LOG.info("Token cache invalidation is local to this node (cache " + CACHE + " is not clustered)");
            return;
        }
        try {
            cache.addListener(listener);
            invalidations = cache;
            cache.getCacheManager().addListener(members);
            LOG.info("Token cache invalidation is cluster-wide (Infinispan cache " + CACHE + "); "
                    + members(cache.getCacheManager().getMembers()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster-wide token cache invalidation unavailable: {0}", e.toString());
        }
    }

    /** Who receives this node's invalidations, as the log says it (the start's line and every change). */
    static String members(List<?> addresses) {
        return "members: " + (addresses == null ? 1 : addresses.size()) + " " + addresses;
    }

    @SuppressWarnings("unchecked")
    private static Cache<String, String> lookup() throws NamingException {
        return (Cache<String, String>) new InitialContext().lookup(REFERENCE);
    }

    @Override
    boolean clustered() {
        return invalidations != null;
    }

    @Override
    void write(String key, String value, long minutes) {
        invalidations.put(key, value, minutes, TimeUnit.MINUTES);
    }

    void leave(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (invalidations != null) {
            try {
                invalidations.removeListener(listener);
                invalidations.getCacheManager().removeListener(members);
            } catch (RuntimeException ignored) {
                // the cache is stopping with the deployment
            }
        }
    }

    /** Drops what another node (or this one) invalidated; called on the writing thread (a synchronous listener). */
    @Listener(observation = Listener.Observation.POST)
    public final class Received {

        @CacheEntryCreated
        @CacheEntryModified
        public void written(CacheEntryEvent<String, String> event) {
            received(event.getKey());
        }
    }

    /** Says who is in the cluster whenever that changes: a node that joins or leaves (or dies) shows in the log. */
    @Listener
    public final class Members {

        @ViewChanged
        @Merged // nodes that started at once may form two clusters first, merged a few seconds later
        public void changed(ViewChangedEvent event) {
            LOG.info("Token cache invalidation cluster changed; " + members(event.getNewMembers()));
        }
    }
}
