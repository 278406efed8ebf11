package io.tollgate.storage.control;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A commit on an H2 database file is on disk before {@code commit()} returns, as PostgreSQL's is by
 * default (spec section 7, Durability: an answered change survives a SIGKILL of the server and of
 * its node).
 * <p>
 * H2 does neither by itself. Its default {@code WRITE_DELAY} of 500 ms leaves a committed
 * transaction in memory until the store's background writer saves it, up to half a second later
 * under load: a {@code kill -9} lost suspensions and rotations answered 200. And H2 never forces
 * its file to disk on commit (only at close and compaction), so a crash of the node could still
 * lose what the page cache held. Hence two settings of every H2 URL except in-memory ones:
 * {@code WRITE_DELAY=0} (at its end, unless the URL names a write delay itself), with which
 * H2 writes the transaction's chunk in the committing thread, and a {@code CHECKPOINT SYNC} after
 * each commit that changed something (H2's {@code TRANSACTION_ID()} is null otherwise), which forces
 * the file to disk. A URL setting, not a stored one: H2 applies the URL's write delay (or its
 * default) each time it opens a database, whatever an older version stored in it.
 */
public final class DurableCommits implements InvocationHandler {

    private static final String H2 = "jdbc:h2:";
    private static final String WRITE_DELAY = "WRITE_DELAY=";

    private final Connection h2;

    private DurableCommits(Connection h2) {
        this.h2 = h2;
    }

    /** Whether {@code url} names an H2 database kept in a file (locally or through an H2 server). */
    static boolean isH2File(String url) {
        return url.startsWith(H2) && !url.startsWith(H2 + "mem:");
    }

    /** {@code url} with {@code WRITE_DELAY=0} for an H2 file unless it sets a write delay itself; any other URL as it is. */
    static String url(String url) {
        if (!isH2File(url) || url.toUpperCase(Locale.ROOT).contains(";" + WRITE_DELAY)) {
            return url;
        }
        return url + ";" + WRITE_DELAY + "0";
    }

    /** {@code connection}, whose commits are forced to disk when it is one to an H2 file; any other as it is. */
    static Connection of(Connection connection) throws SQLException {
        if (!isH2File(connection.getMetaData().getURL())) {
            return connection;
        }
        return (Connection) Proxy.newProxyInstance(DurableCommits.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new DurableCommits(connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "commit":
                commit();
                return null;
            default:
                try {
                    return method.invoke(h2, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
        }
    }

    private void commit() throws SQLException {
        if (h2.getAutoCommit()) {
            h2.commit(); // what the driver says of a commit in auto-commit mode
            return;
        }
        boolean changed;
        try (Statement statement = h2.createStatement();
             ResultSet transaction = statement.executeQuery("SELECT TRANSACTION_ID()")) {
            changed = transaction.next() && transaction.getString(1) != null;
        }
        h2.commit();
        if (changed) {
            try (Statement statement = h2.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        }
    }
}
