package io.tollgate.tokens.boundary;

import io.tollgate.time.Now;
import io.tollgate.metrics.control.Meters;
import io.tollgate.metrics.control.Meters.Counter;
import io.tollgate.storage.boundary.Database;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The tokens' application metrics (spec section 7): lifecycle counters, which the operations call
 * once their change is made, and the number of tokens by status, a gauge that only reads counts kept
 * here. The count queries never run on a scrape (the {@code /metrics} request runs in the runtime's
 * own context, where this application's persistence unit cannot be reached, and a scrape must stay
 * cheap): a task of the managed scheduled executor runs them every {@link #REFRESH_MILLIS} when a
 * change on this node made them stale, and at least every {@link #COUNTS_MAX_AGE_MILLIS}.
 */
@ApplicationScoped
public class TokenMetrics {

    @Inject
    Now clock;

    private static final Logger LOG = Logger.getLogger(TokenMetrics.class.getName());
    static final long COUNTS_MAX_AGE_MILLIS = 10_000;
    static final long REFRESH_MILLIS = 1_000;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    Meters registry;

    static final String COUNT_TOKENS = "SELECT COUNT(*), "
            + "COALESCE(SUM(CASE WHEN suspended_date IS NULL AND valid_date > ? THEN 1 ELSE 0 END), 0), "
            + "COALESCE(SUM(CASE WHEN suspended_date IS NOT NULL THEN 1 ELSE 0 END), 0) FROM project_tokens";

    // plain JDBC: a container-managed EntityManager used outside a transaction on a managed executor's
    // thread breaks that thread's context reset on Payara ("No invocation on invocation stack")
    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    private Counter creations;
    private Counter rotations;
    private Counter suspensions;
    private Counter deletions;

    private record Counts(long at, long valid, long expired, long suspended) {

        /** The same counts, due for a refresh. */
        Counts stale() {
            return new Counts(Long.MIN_VALUE, valid, expired, suspended);
        }
    }

    private volatile Counts counts = new Counts(Long.MIN_VALUE, 0, 0, 0);
    private ScheduledFuture<?> refresh;

    @PostConstruct
    void register() {
        creations = counter("tollgate_token_creations", "Project tokens created");
        rotations = counter("tollgate_token_rotations", "Project token secrets rotated");
        suspensions = counter("tollgate_token_suspensions", "Project tokens suspended");
        deletions = counter("tollgate_token_deletions", "Project tokens deleted one by one");
        String tokens = "Project tokens by status (counted at most every 10 s)";
        registry.gauge("tollgate_tokens", tokens, this, metrics -> metrics.counts().valid(), "status", "valid");
        registry.gauge("tollgate_tokens", tokens, this, metrics -> metrics.counts().expired(), "status", "expired");
        registry.gauge("tollgate_tokens", tokens, this, metrics -> metrics.counts().suspended(), "status", "suspended");
    }

    /** Starts the count refresh with the application. */
    public void start() {
        refresh = executor.scheduleWithFixedDelay(this::refreshCounts, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (refresh != null) {
            refresh.cancel(false);
        }
    }

    private Counter counter(String name, String description) {
        return registry.counter(name, description);
    }

    public void created() {
        creations.inc();
        counts = counts.stale();
    }

    public void rotated() {
        rotations.inc();
    }

    public void suspended() {
        suspensions.inc();
        counts = counts.stale();
    }

    /** A suspension lifted: only the counts by status change. */
    public void resumed() {
        counts = counts.stale();
    }

    public void deleted() {
        deletions.inc();
        counts = counts.stale();
    }

    private Counts counts() {
        return counts;
    }

    private void refreshCounts() {
        Counts known = counts;
        long now = clock.millis();
        if (known.at() != Long.MIN_VALUE && now - known.at() < COUNTS_MAX_AGE_MILLIS) {
            return;
        }
        try {
            long[] found = countTokens(now);
            counts = new Counts(now, found[1], found[0] - found[1] - found[2], found[2]);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Could not count tokens for the metrics", e);
        }
    }

    /**
     * How many tokens there are, how many of them are valid at {@code now} and how many suspended:
     * {@code [all, valid, suspended]}.
     */
    private long[] countTokens(long now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(COUNT_TOKENS)) {
            count.setLong(1, now);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2), row.getLong(3)};
            }
        }
    }
}
