package io.tollgate.storage.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.tollgate.storage.control.ConfiguredDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's last database writes when the JVM stops (SIGTERM, Ctrl-C), and the clean close
 * of an embedded H2 database after them.
 * <p>
 * Why not {@code @PreDestroy}: on SIGTERM Payara Micro disposes its services in its own order, and
 * the container's connection pool is gone before the application's beans are destroyed (a flush
 * there failed with "No local string defined" from the pool). So a JVM shutdown hook of the
 * application's own opens one connection straight from the JDBC driver (its {@code DataSource}, as
 * {@link ConfiguredDataSource} makes it for the pool, so that the driver is found on every server), hands it to the registered
 * {@link FinalWrite}s in order, and then, on H2, runs {@code SHUTDOWN}. The default H2 URL carries
 * {@code DB_CLOSE_ON_EXIT=FALSE} (see {@code DatabaseConfigSource}) so that H2's own exit hook does not
 * close the database under these writes; the {@code SHUTDOWN} here takes its place, so committed data
 * is as safe as before. When the application is undeployed while the JVM goes on (tests, redeploys),
 * the hook is removed and the pool is still there for the beans' own {@code @PreDestroy}.
 */
@ApplicationScoped
public class DatabaseExit {

    private static final Logger LOG = Logger.getLogger(DatabaseExit.class.getName());

    /** A write that must reach the database before the process ends. */
    @FunctionalInterface
    public interface FinalWrite {
        void write(Connection connection) throws SQLException;
    }

    @Inject
    @ConfigProperty(name = "tollgate.db.url")
    String url;

    private final List<FinalWrite> writes = new CopyOnWriteArrayList<>();
    private volatile Thread hook;
    /** A shutdown hook that must end before the final writes (the one that stops serving requests). */
    private volatile Thread first;

    /** {@code write} runs once, with a connection of its own, when the JVM stops. */
    public void onExit(FinalWrite write) {
        writes.add(write);
    }

    /**
     * The final writes and H2's {@code SHUTDOWN} wait for {@code stopping} (a shutdown hook, which the JVM
     * starts together with this one) to end, at most {@link #WAIT_FOR_FIRST}: a request still being
     * answered when the stop began would otherwise meet a closed database (a 500), and its use would
     * miss the final write.
     */
    public void after(Thread stopping) {
        first = stopping;
    }

    static final long WAIT_FOR_FIRST = 5_000;

    /** Installs the hook with the application; the driver is found now, while every class can still load. */
    public void start() {
        DataSource driver;
        try {
            driver = ConfiguredDataSource.unpooled();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "No JDBC driver for the database URL: writes buffered at exit cannot be saved ({0})",
                    e.getMessage());
            return;
        }
        boolean h2 = url.startsWith("jdbc:h2:");
        Thread exit = new Thread(() -> runAtExit(driver, h2), "tollgate-database-exit");
        Runtime.getRuntime().addShutdownHook(exit);
        hook = exit;
    }

    /** Whether the exit hook is installed: the start found the database's driver (for checks and tests). */
    public boolean armed() {
        return hook != null;
    }

    /** Undeployed while the JVM goes on: the pool is still there, so nothing is left for the hook. */
    @PreDestroy
    void undeployed() {
        Thread exit = hook;
        if (exit == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(exit);
        } catch (IllegalStateException jvmStopping) {
            // the hook is running or about to: it does the final writes
        }
    }

    private void runAtExit(DataSource driver, boolean h2) {
        Thread before = first;
        if (before != null) {
            try {
                before.join(WAIT_FOR_FIRST); // returns at once if that hook never started (removed at an undeploy)
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }
        try (Connection connection = driver.getConnection()) {
            for (FinalWrite write : writes) {
                try {
                    write.write(connection);
                } catch (SQLException | RuntimeException e) {
                    LOG.log(Level.WARNING, "A final write at exit failed: {0}", e.toString());
                }
            }
            if (h2) {
                try (Statement shutdown = connection.createStatement()) {
                    shutdown.execute("SHUTDOWN");
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not reach the database at exit: {0}", e.toString());
        }
    }
}
