package io.tollgate.storage.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.storage.control.DurableCommits;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transaction on an H2 file gets one sync, run after it commits and not after a rollback; elsewhere none. */
class DurableTransactionsTest {

    @TempDir
    Path dir;

    private String url;
    private Connection open;
    private DurableCommits commits;
    private final Transactions transactions = new Transactions();

    @BeforeEach
    void database() throws SQLException {
        url = "jdbc:h2:file:" + dir.resolve("tollgate") + ";TRACE_LEVEL_FILE=3";
        open = DriverManager.getConnection(url, "sa", ""); // keeps the database open between the syncs
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        commits = new DurableCommits(h2);
    }

    @AfterEach
    void close() throws SQLException {
        commits.close();
        open.close();
    }

    @Test
    void aCommittedTransactionIsForcedToDiskOnceHowEverManyCallsItSpans() throws IOException {
        transactions.key = "tx1";
        DurableTransactions.register(transactions, url, () -> commits);
        DurableTransactions.register(transactions, url, () -> commits);
        assertEquals(1, transactions.registered.size());
        int before = syncs();
        transactions.registered.get(0).afterCompletion(Status.STATUS_COMMITTED);
        assertEquals(before + 1, syncs());
    }

    @Test
    void aRolledBackTransactionIsNotSynced() throws IOException {
        transactions.key = "tx1";
        DurableTransactions.register(transactions, url, () -> commits);
        int before = syncs();
        transactions.registered.get(0).afterCompletion(Status.STATUS_ROLLEDBACK);
        assertEquals(before, syncs());
    }

    @Test
    void noTransactionOrAnotherDatabaseRegistersNothing() {
        DurableTransactions.register(transactions, url, () -> commits);
        transactions.key = "tx1";
        DurableTransactions.register(transactions, "jdbc:postgresql://127.0.0.1:5432/tollgate", () -> commits);
        DurableTransactions.register(transactions, "jdbc:h2:mem:tollgate", () -> commits);
        assertTrue(transactions.registered.isEmpty());
    }

    private int syncs() throws IOException {
        Path trace = dir.resolve("tollgate.trace.db");
        if (!Files.exists(trace)) {
            return 0;
        }
        return (int) Files.readAllLines(trace).stream().filter(line -> line.endsWith("*/CHECKPOINT SYNC;")).count();
    }

    /** One transaction at a time, as the server's registry shows it to the calling thread. */
    private static final class Transactions implements TransactionSynchronizationRegistry {
        Object key;
        final Map<Object, Object> resources = new HashMap<>();
        final List<Synchronization> registered = new ArrayList<>();

        @Override
        public Object getTransactionKey() {
            return key;
        }

        @Override
        public void putResource(Object resourceKey, Object value) {
            resources.put(resourceKey, value);
        }

        @Override
        public Object getResource(Object resourceKey) {
            return resources.get(resourceKey);
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            registered.add(sync);
        }

        @Override
        public int getTransactionStatus() {
            return key == null ? Status.STATUS_NO_TRANSACTION : Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
