package io.tollgate.storage.control;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * A physical database connection that replaces itself once the database has closed it (an outage, a
 * restart): what a pool that validates connections does, for a pool that does not. WildFly's pool
 * for a data source the application defines has no validation and no exception sorter, so after an
 * outage it would hand out dead connections until a restart; Payara's validates (web.xml's
 * {@code fish.payara.*} properties) and never meets a dead one here.
 * <p>
 * The replacement never splits a transaction: a connection that died with statements of an open
 * transaction on it (auto-commit off, work since the last commit or rollback) refuses everything
 * with SQLState 08003 but {@code rollback} (which ends that transaction: the database lost it with
 * the connection) and {@code close}; only then does the next call reconnect. Statements made before
 * the outage stay dead; the transaction using them fails and is rolled back. The settings the pool
 * made on the old connection (auto-commit, isolation, read-only) are made on the new one.
 */
public final class HealingConnection implements InvocationHandler {

    /** Opens a physical connection. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    private static final Set<String> STATEMENT_FACTORIES = Set.of("createStatement", "prepareStatement", "prepareCall",
            "nativeSQL", "setSavepoint", "createClob", "createBlob", "createNClob", "createSQLXML", "createArrayOf",
            "createStruct");

    private final Opener opener;
    private volatile Connection current;
    private volatile boolean closedByUs;
    private boolean autoCommit = true;
    private boolean workInTransaction;
    private Integer isolation;
    private Boolean readOnly;

    private HealingConnection(Opener opener, Connection first) {
        this.opener = opener;
        this.current = first;
    }

    /** A connection from {@code opener} that reopens itself through it after the database closed it. */
    public static Connection open(Opener opener) throws SQLException {
        Connection first = opener.open();
        return (Connection) Proxy.newProxyInstance(HealingConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new HealingConnection(opener, first));
    }

    /**
     * {@code close} and {@code abort} may come from another thread while a call is running (a pool
     * giving up on a connection): they take no lock, so they never wait for that call.
     */
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "HealingConnection[" + current + "]";
            case "close", "abort":
                closedByUs = true;
                return call(method, args);
            case "isClosed":
                return closedByUs;
            default:
                synchronized (this) {
                    return healAndCall(method, name, args);
                }
        }
    }

    private Object healAndCall(Method method, String name, Object[] args) throws Throwable {
        if (!closedByUs && current.isClosed()) {
            if ("setClientInfo".equals(name)) {
                // a pool resetting the client info as it takes the connection back (Payara does at every
                // close): a lost connection has none left, and a replacement starts with the default; a
                // reconnect here would fail during an outage with an exception setClientInfo may not throw
                return null;
            }
            if (!healable()) {
                if ("isValid".equals(name)) {
                    return false;
                }
                if ("rollback".equals(name) && (args == null || args.length == 0)) {
                    workInTransaction = false; // the database ended the transaction when it dropped the connection
                    return null;
                }
                throw new SQLException("The database connection was lost during a transaction; it must be rolled back",
                        "08003");
            }
            reopen();
        }
        Object result = call(method, args);
        remember(name, args);
        return result;
    }

    /** Whether a lost connection can be replaced now: no transaction with work on it is open. */
    private boolean healable() {
        return autoCommit || !workInTransaction;
    }

    private void reopen() throws SQLException {
        Connection fresh = opener.open();
        try {
            if (isolation != null) {
                fresh.setTransactionIsolation(isolation);
            }
            if (readOnly != null) {
                fresh.setReadOnly(readOnly);
            }
            fresh.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            fresh.close();
            throw e;
        }
        current = fresh;
        if (closedByUs) { // closed by another thread while this one reopened: nothing may stay open
            fresh.close();
            throw new SQLException("The connection was closed", "08003");
        }
    }

    private void remember(String name, Object[] args) {
        switch (name) {
            case "setAutoCommit" -> {
                autoCommit = (Boolean) args[0];
                workInTransaction = false;
            }
            case "commit", "rollback" -> workInTransaction = args != null && args.length > 0 && workInTransaction;
            case "setTransactionIsolation" -> isolation = (Integer) args[0];
            case "setReadOnly" -> readOnly = (Boolean) args[0];
            default -> {
                if (!autoCommit && STATEMENT_FACTORIES.contains(name)) {
                    workInTransaction = true;
                }
            }
        }
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(current, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
