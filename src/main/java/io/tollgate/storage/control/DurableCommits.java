package io.tollgate.storage.control;

import java.sql.Connection;
import java.sql.ResultSet;
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
 * {@code CHECKPOINT SYNC} if H2 wrote its file since the last one. No connection of the pool is
 * wrapped: the sync runs on a connection of its own, outside the server's pool and transaction.
 */
public final class DurableCommits {

    private static final String H2 = "jdbc:h2:";
    private static final String WRITE_DELAY = "WRITE_DELAY=";
    private static final String FILE_WRITES =
            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_WRITE'";

    private final DataSource unpooled;
    private Connection connection;
    /** H2's count of file writes (since the database was opened) that the last {@code CHECKPOINT SYNC} covered. */
    private long synced = -1;

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

    /**
     * Forces to disk what H2 wrote to its file since the last call that did: one {@code CHECKPOINT SYNC}
     * covers every commit written before it, so concurrent commits share it and a transaction that wrote
     * nothing costs one read of a counter. Returns whether it synced.
     */
    public synchronized boolean forceWrites() throws SQLException {
        try {
            return forceWrites(connection());
        } catch (SQLException e) {
            close(); // the next call opens a new connection (the database was closed, or the connection lost)
            throw e;
        }
    }

    private boolean forceWrites(Connection h2) throws SQLException {
        long written;
        try (Statement statement = h2.createStatement(); ResultSet count = statement.executeQuery(FILE_WRITES)) {
            written = count.next() ? Long.parseLong(count.getString(1)) : Long.MAX_VALUE;
        }
        if (written <= synced) {
            return false;
        }
        try (Statement statement = h2.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        }
        synced = written;
        return true;
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
        synced = -1; // a database opened again counts its writes from zero
    }
}
