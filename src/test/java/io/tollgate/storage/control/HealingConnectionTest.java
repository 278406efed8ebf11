package io.tollgate.storage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection the database dropped (here: its physical connection closed under it, as pgjdbc marks
 * one after an I/O error) is replaced on the next call outside a transaction, and never in the middle
 * of one: a transaction that had work on the lost connection can only be rolled back.
 */
class HealingConnectionTest {

    private final String url = "jdbc:h2:mem:healing-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    private final List<Connection> physical = new ArrayList<>();
    private Connection keeper;

    @BeforeEach
    void createTable() throws SQLException {
        keeper = DriverManager.getConnection(url);
        try (Statement statement = keeper.createStatement()) {
            statement.execute("CREATE TABLE t (v INT)");
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        keeper.close();
    }

    private Connection healing() throws SQLException {
        return HealingConnection.open(() -> {
            Connection connection = DriverManager.getConnection(url);
            physical.add(connection);
            return connection;
        });
    }

    private static void lose(Connection physicalConnection) throws SQLException {
        physicalConnection.close();
    }

    private int rows() throws SQLException {
        try (Statement statement = keeper.createStatement(); ResultSet result = statement.executeQuery("SELECT count(*) FROM t")) {
            result.next();
            return result.getInt(1);
        }
    }

    @Test
    void aLostConnectionIsReplacedOnTheNextCallOutsideATransaction() throws SQLException {
        Connection connection = healing();
        lose(physical.get(0));
        assertTrue(connection.isValid(1), "the probe's question reconnects");
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO t VALUES (1)");
        }
        assertEquals(2, physical.size());
        assertEquals(1, rows());
        assertFalse(connection.isClosed());
    }

    @Test
    void resettingTheClientInfoOfALostConnectionNeitherReconnectsNorFails() throws SQLException {
        Connection connection = healing();
        lose(physical.get(0));
        connection.setClientInfo(new java.util.Properties());
        connection.setClientInfo("ApplicationName", "");
        assertEquals(1, physical.size(), "no reconnect for it");
        assertTrue(connection.isValid(1), "the next real call reconnects");
        assertEquals(2, physical.size());
    }

    @Test
    void theSettingsThePoolMadeAreMadeOnTheReplacement() throws SQLException {
        Connection connection = healing();
        connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        connection.setAutoCommit(false);
        lose(physical.get(0));
        assertFalse(connection.getAutoCommit(), "a transaction about to begin keeps auto-commit off");
        Connection replacement = physical.get(1);
        assertFalse(replacement.getAutoCommit());
        assertEquals(Connection.TRANSACTION_SERIALIZABLE, replacement.getTransactionIsolation());
    }

    @Test
    void aTransactionWithWorkOnTheLostConnectionCanOnlyBeRolledBackThenTheConnectionHeals() throws SQLException {
        Connection connection = healing();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO t VALUES (1)");
        }
        lose(physical.get(0));
        SQLException refused = assertThrows(SQLException.class, connection::createStatement);
        assertEquals("08003", refused.getSQLState());
        assertThrows(SQLException.class, connection::commit, "the lost work is never committed on a new connection");
        assertFalse(connection.isValid(1));
        assertEquals(1, physical.size(), "no replacement in the middle of the transaction");
        connection.rollback();
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO t VALUES (2)");
        }
        connection.commit();
        assertEquals(2, physical.size());
        assertEquals(1, rows(), "only the transaction after the loss is stored");
    }

    @Test
    void aConnectionClosedByItsUserStaysClosed() throws SQLException {
        Connection connection = healing();
        connection.close();
        assertTrue(connection.isClosed());
        assertThrows(SQLException.class, connection::createStatement);
        assertEquals(1, physical.size());
    }

    @Test
    void closeFromAnotherThreadNeverWaitsForAReconnectAndLeavesNothingOpen() throws Exception {
        java.util.concurrent.CountDownLatch reopening = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Connection connection = HealingConnection.open(() -> {
            if (!physical.isEmpty()) {
                reopening.countDown();
                try {
                    release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Connection opened = DriverManager.getConnection(url);
            physical.add(opened);
            return opened;
        });
        lose(physical.get(0));
        java.util.concurrent.CompletableFuture<Object> user = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return connection.createStatement();
            } catch (SQLException e) {
                return e;
            }
        });
        assertTrue(reopening.await(10, java.util.concurrent.TimeUnit.SECONDS));
        java.util.concurrent.CompletableFuture<Void> closing = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        closing.get(5, java.util.concurrent.TimeUnit.SECONDS); // while the reconnect still waits
        release.countDown();
        Object outcome = user.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(outcome instanceof SQLException, "a call that raced the close fails: " + outcome);
        assertEquals(2, physical.size());
        assertTrue(physical.get(1).isClosed(), "the connection opened during the close is closed");
    }
}
