package io.tollgate.storage.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * A commit on an H2 database file is on disk before the request that made it is answered, as
 * PostgreSQL's is by default (spec section 7, Durability: an answered change survives a SIGKILL of
 * the server and of its node).
 * <p>
 * H2 does neither by itself. Its default {@code WRITE_DELAY} of 500 ms leaves a committed
 * transaction in memory until the store's background writer saves it: a {@code kill -9} lost
 * suspensions and rotations answered 200. Hence {@code WRITE_DELAY=0} in every H2 file URL (a URL
 * setting, applied each time H2 opens a database, whatever an older version stored in it), with
 * which H2 writes a transaction's chunk in the committing thread. And H2 never forces its file to
 * disk at a commit, so a crash of the node could still lose what the page cache held: after a
 * transaction commits ({@code storage.boundary.DurableTransactions}), {@link #forceWrites} runs
 * {@code CHECKPOINT SYNC}. No connection of the pool is wrapped: the sync runs on a connection of its
 * own, outside the server's pool and transaction.
 */
public final class DurableCommits {

    private static final String H2 = "jdbc:h2:";
    private static final String WRITE_DELAY = "WRITE_DELAY=";

    private final DataSource unpooled;
    private Connection connection;

    /** Syncs through connections of {@code unpooled}, the driver's data source of an H2 file. */
    public DurableCommits(DataSource unpooled) {
        this.unpooled = unpooled;
    }

    /** Whether {@code url} names an H2 database kept in a file (locally or through an H2 server). */
    public static boolean isH2File(String url) {
        return url != null && url.startsWith(H2) && !url.startsWith(H2 + "mem:");
    }

    /** {@code url} with {@code WRITE_DELAY=0} for an H2 file unless it sets a write delay itself; any other URL as it is. */
    static String url(String url) {
        if (!isH2File(url) || url.toUpperCase(Locale.ROOT).contains(";" + WRITE_DELAY)) {
            return url;
        }
        return url + ";" + WRITE_DELAY + "0";
    }

    /** Syncs asked for (each after its commit), and how many of them the last finished sync covered. */
    private long asked;
    private long covered;
    private final Object askLock = new Object();

    /**
     * Forces to disk what H2 wrote to its file: {@code CHECKPOINT SYNC}. A group commit: a caller whose
     * commit ended before a sync began is covered by that sync and returns without one of its own, so
     * concurrent commits share one sync instead of queueing for one each. After a transaction that wrote
     * nothing a sync costs about as much as asking H2 whether it wrote (0.2 ms; H2's file-write counter
     * in {@code INFORMATION_SCHEMA.SETTINGS} costs 4 ms).
     */
    public void forceWrites() throws SQLException {
        long mine;
        synchronized (askLock) {
            mine = ++asked;
        }
        synchronized (this) {
            if (covered >= mine) {
                return; // a sync that began after this commit has ended
            }
            long upTo;
            synchronized (askLock) {
                upTo = asked; // every commit asked so far has ended: this sync covers them all
            }
            try (Statement statement = connection().createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            } catch (SQLException e) {
                close(); // the next call opens a new connection (the database was closed, or the connection lost)
                throw e;
            }
            covered = upTo;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = unpooled.getConnection();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    /** Closes the connection this keeps, if any. */
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is gone either way
            }
            connection = null;
        }
    }
}
