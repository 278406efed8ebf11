package io.tollgate.tokens.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * This node's end of the cluster's token cache invalidation: a PostgreSQL connection of its own
 * (outside the server's pool) that {@code LISTEN}s on {@value #CHANNEL}, where every change's
 * transaction notifies the id of the token it changed ({@value #ALL}: every token), and drops the
 * matching cached lookups of a {@link TokenCache}, which it tells how long it may be trusted.
 * <p>
 * Trust is a lease renewed by a ping: once a second the connection notifies a channel only this
 * listener listens on, and PostgreSQL delivers notifications in commit order, so receiving the ping
 * proves that every change committed before it was sent has been applied here: the cache is trusted
 * for {@link #LEASE} from the ping's sending. A connection that died silently, or a listener that
 * stopped running, renews nothing, and the cache stops serving within that lease on its own; a
 * connection that fails (a reset, a terminated backend, a ping unanswered for {@link #ANSWER}) makes
 * the cache distrusted at once, until a new connection listens and its first ping comes back (the
 * cache then starts empty). Reconnection waits {@link #FIRST_RETRY}, doubling up to {@link #LAST_RETRY}.
 * One log line when listening starts, one when it stops, one when it is back: no line per attempt.
 * <p>
 * The connection's {@code application_name} says what it is and which process holds it
 * ({@code tollgate invalidation pid N}), for an operator reading {@code pg_stat_activity}.
 */
public final class InvalidationListener implements Runnable {

    /** The channel changes are notified on; payload: a token id, or {@link #ALL}. */
    public static final String CHANNEL = "tollgate_tokens";
    public static final String ALL = "*";
    static final Duration PING = Duration.ofSeconds(1);
    static final Duration LEASE = Duration.ofSeconds(5);
    static final Duration ANSWER = Duration.ofSeconds(5);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofSeconds(8);
    /** How long one wait for notifications blocks: the listener's reaction time to {@link #stop()} and to its ping's time. */
    private static final int WAIT_MILLIS = 250;
    private static final Logger LOG = Logger.getLogger(InvalidationListener.class.getName());

    private final DataSource database;
    private final TokenCache cache;
    private final String applicationName;
    private final LongSupplier clock = System::nanoTime;
    /** Where this listener's pings go: a channel of its own, so that other nodes never receive them. */
    private final String pingChannel = "tollgate_ping_" + UUID.randomUUID().toString().replace("-", "");

    private volatile boolean running = true;
    private volatile Connection current;
    /** Whether the cache is trusted through a connection now; whether it ever was; whether its absence was logged. */
    private boolean listening;
    private boolean listened;
    private boolean reported;
    private long lostAt;

    /**
     * Listens through connections of {@code database} (the driver's own, not a pool's) for {@code cache},
     * naming each connection {@code applicationName}.
     */
    public InvalidationListener(DataSource database, TokenCache cache, String applicationName) {
        this.database = database;
        this.cache = cache;
        this.applicationName = applicationName;
    }

    /** Listens until {@link #stop()}: the cache is distrusted from the start until the first ping comes back. */
    @Override
    public void run() {
        cache.distrust();
        Duration retry = FIRST_RETRY;
        while (running) {
            Connection connection = null;
            try {
                connection = database.getConnection();
                current = connection;
                connection.setClientInfo("ApplicationName", applicationName);
                connection.setNetworkTimeout(Runnable::run, (int) ANSWER.toMillis());
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                cache.distrust();
                if (listening) {
                    retry = FIRST_RETRY;
                }
                lost(e);
            } finally {
                current = null;
                close(connection);
            }
            if (running) {
                pause(retry);
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    /** Ends {@link #run()}: at once if it waits for the database, else within a wait for notifications. */
    public void stop() {
        running = false;
        Connection connection = current;
        if (connection != null) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // closed already
            }
        }
    }

    /** Listens on {@code connection} until stopped; throws when the connection fails or a ping stays unanswered. */
    private void listen(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            statement.execute("LISTEN " + pingChannel);
        }
        try (PreparedStatement ping = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            ping.setString(1, pingChannel);
            long sequence = 0;
            long sent = ping(ping, sequence);
            boolean answered = false;
            while (running) {
                PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                for (int i = 0; received != null && i < received.length; i++) {
                    if (CHANNEL.equals(received[i].getName())) {
                        invalidate(received[i].getParameter());
                    } else if (Long.toString(sequence).equals(received[i].getParameter())) {
                        answered = true;
                        confirmed(sent);
                    }
                }
                long now = clock.getAsLong();
                if (answered && now - sent >= PING.toNanos()) {
                    sent = ping(ping, ++sequence);
                    answered = false;
                } else if (!answered && now - sent >= ANSWER.toNanos()) {
                    throw new SQLException("no answer to a ping within " + ANSWER.toSeconds() + " s");
                }
            }
        }
    }

    /** Sends ping {@code sequence}; returns when it was sent (a commit before that is delivered before it). */
    private long ping(PreparedStatement ping, long sequence) throws SQLException {
        long sent = clock.getAsLong();
        ping.setString(2, Long.toString(sequence));
        ping.executeQuery().close();
        return sent;
    }

    private void invalidate(String key) {
        if (ALL.equals(key)) {
            cache.invalidateAll();
        } else {
            cache.invalidate(key);
        }
    }

    /** Every change committed before {@code sent} has been applied: the cache may be trusted a lease from then. */
    private void confirmed(long sent) {
        cache.trustUntil(sent + LEASE.toNanos());
        if (listening) {
            return;
        }
        listening = true;
        if (listened) {
            LOG.info(() -> "Token cache invalidation is cluster-wide again (PostgreSQL LISTEN/NOTIFY) after "
                    + Duration.ofNanos(clock.getAsLong() - lostAt).toMillis() + " ms; the token cache started empty");
        } else {
            LOG.info("Token cache invalidation is cluster-wide (PostgreSQL LISTEN/NOTIFY)");
        }
        listened = true;
        reported = false;
    }

    /** One line per outage (the first failure after listening, or before ever listening), none for the retries. */
    private void lost(Exception e) {
        boolean wasListening = listening;
        listening = false;
        if (!running || reported) {
            return;
        }
        reported = true;
        lostAt = clock.getAsLong();
        LOG.log(Level.WARNING, "Token cache invalidation {0} ({1}): every token lookup reads the database until it listens again",
                new Object[] {wasListening ? "stopped listening" : "cannot listen yet", String.valueOf(e.getMessage())});
    }

    private void pause(Duration retry) {
        long until = clock.getAsLong() + retry.toNanos();
        try {
            while (running && clock.getAsLong() - until < 0) {
                Thread.sleep(Math.min(WAIT_MILLIS, Math.max(1, (until - clock.getAsLong()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // a failed connection: nothing to keep
            }
        }
    }
}
