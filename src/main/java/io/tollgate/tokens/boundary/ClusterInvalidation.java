package io.tollgate.tokens.boundary;

import io.tollgate.brokers.entity.BrokerDeleted;
import io.tollgate.brokers.entity.BrokerHookKeyReplaced;
import io.tollgate.projects.entity.ProjectDeleted;
import io.tollgate.storage.control.ConfiguredDataSource;
import io.tollgate.tokens.control.InvalidationListener;
import io.tollgate.tokens.entity.TokensChanged;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Token cache invalidation across the nodes that share one PostgreSQL, by PostgreSQL's own
 * {@code LISTEN/NOTIFY}, alike on every server: a change's transaction notifies
 * {@link InvalidationListener#CHANNEL} with the changed token's id (or {@link InvalidationListener#ALL}
 * when a project or a broker went), through its own connection, so that the notification is
 * delivered if and only if the change commits; every node's {@link InvalidationListener}, on a
 * thread of the container's, drops the matching entries of {@link ActiveTokens}' cache and says how
 * long that cache may be trusted. The node that made the change also drops them itself, after the
 * commit and before it answers ({@link ActiveTokens}).
 * On H2 (embedded, so a single node) nothing is notified or listened to: invalidation stays local.
 */
@ApplicationScoped
public class ClusterInvalidation {

    private static final Logger LOG = Logger.getLogger(ClusterInvalidation.class.getName());

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    ActiveTokens tokens;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "tollgate.db.url")
    String url;

    private boolean clustered;
    private InvalidationListener listener;
    private Thread thread;

    /** Starts listening with the application, before it serves a request: until the first ping, the cache is not trusted. */
    public void start() {
        clustered = url.startsWith("jdbc:postgresql:");
        if (!clustered) {
            return;
        }
        tokens.cache().distrust();
        DataSource database;
        try {
            database = ConfiguredDataSource.unpooled();
            database.setLoginTimeout(5);
        } catch (SQLException e) {
            // the pool cannot reach the database either: the application does not start
            throw new IllegalStateException("No database driver for token cache invalidation: " + e.getMessage());
        }
        listener = new InvalidationListener(database, tokens.cache(),
                "tollgate invalidation pid " + ProcessHandle.current().pid());
        thread = threads.newThread(listener);
        thread.setName("tollgate-token-invalidation");
        thread.start();
    }

    void publish(@Observes TokensChanged change) {
        publish(change.tokenId());
    }

    void publish(@Observes ProjectDeleted deleted) {
        publish(InvalidationListener.ALL);
    }

    void publish(@Observes BrokerDeleted deleted) {
        publish(InvalidationListener.ALL);
    }

    /** A broker's old hook key must stop working on every node: the hook key cache goes with every clearing. */
    void publish(@Observes BrokerHookKeyReplaced replaced) {
        publish(InvalidationListener.ALL);
    }

    /**
     * Notifies every node of {@code key}, in the change's transaction (the events are fired inside
     * it): PostgreSQL delivers the notification when that transaction commits, and never if it rolls
     * back. A failure fails the change, as any of its statements would.
     */
    private void publish(String key) {
        if (clustered) {
            em.createNativeQuery("SELECT pg_notify(?1, ?2)")
                    .setParameter(1, InvalidationListener.CHANNEL)
                    .setParameter(2, key)
                    .getResultList();
        }
    }

    @PreDestroy
    void stop() {
        if (listener == null) {
            return;
        }
        listener.stop();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.log(Level.FINE, "The token invalidation listener is still stopping");
        }
    }
}
