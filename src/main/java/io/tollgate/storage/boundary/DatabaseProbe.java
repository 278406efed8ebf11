package io.tollgate.storage.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Whether the database answers right now. Used by readiness and to tell an outage (503) from a
 * bug (500); an answer is reused for half a second so that an outage does not multiply probes. It
 * also tells the first failure of an outage from the next ones, so that an outage logs one stack
 * trace and then one short line per failing request (spec section 8).
 */
@ApplicationScoped
public class DatabaseProbe {

    private static final long REUSE_MILLIS = 500;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    /** When the database was last asked ({@code System.nanoTime()}; 0: never). */
    private volatile long checkedAt;
    private volatile boolean lastAnswer = true;
    private final AtomicBoolean outageReported = new AtomicBoolean();

    // created (and its java:app data source resolved) at start by start.boundary.StartSequence's first
    // isUp(): WildFly runs health checks on a management thread that has no java:app naming context,
    // where creating it on first use fails

    public boolean isUp() {
        long now = System.nanoTime();
        if (checkedAt != 0 && now - checkedAt < java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(REUSE_MILLIS)) {
            return lastAnswer;
        }
        boolean up;
        try (Connection connection = dataSource.getConnection()) {
            up = connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            up = false;
        }
        lastAnswer = up;
        if (up) {
            outageReported.set(false);
        }
        checkedAt = System.nanoTime();
        return up;
    }

    /**
     * True for the first caller since the database was last seen up (the one that logs the outage's
     * stack trace), false for every later caller of the same outage.
     */
    public boolean firstReportOfOutage() {
        return !outageReported.getAndSet(true);
    }
}
