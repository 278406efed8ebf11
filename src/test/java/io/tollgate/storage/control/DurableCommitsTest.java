package io.tollgate.storage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On an H2 file, a commit is written before {@code commit()} returns (no write delay, whatever the
 * database stored) and, after it, forced to disk when it changed something; other URLs are left alone.
 * The CrashDurabilityIT proves the first with a SIGKILL; the forced sync is seen here in H2's own
 * trace of the statements it ran.
 */
class DurableCommitsTest {

    @TempDir
    Path dir;

    @Test
    void everyH2FileUrlGetsNoWriteDelayUnlessItNamesOne() {
        assertEquals("jdbc:h2:file:./data/tollgate;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                DurableCommits.url("jdbc:h2:file:./data/tollgate;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE"));
        assertEquals("jdbc:h2:tcp://127.0.0.1:9092/tollgate;WRITE_DELAY=0", DurableCommits.url("jdbc:h2:tcp://127.0.0.1:9092/tollgate"));
        assertEquals("jdbc:h2:file:/d/t;write_delay=100", DurableCommits.url("jdbc:h2:file:/d/t;write_delay=100"));
        assertEquals("jdbc:h2:mem:t;DB_CLOSE_DELAY=-1", DurableCommits.url("jdbc:h2:mem:t;DB_CLOSE_DELAY=-1"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/tollgate", DurableCommits.url("jdbc:postgresql://127.0.0.1:5432/tollgate"));
    }

    @Test
    void aDatabaseAnOlderVersionLeftWithAWriteDelayIsOpenedWithout() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("tollgate") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection older = DriverManager.getConnection(url, "sa", "");
             Statement statement = older.createStatement()) {
            statement.execute("SET WRITE_DELAY 500"); // stored in the database, as H2 keeps this setting
            assertEquals("500", writeDelay(older));
            statement.execute("SHUTDOWN");
        }
        try (Connection connection = dataSource(url).getConnection()) {
            assertEquals("0", writeDelay(connection));
        }
    }

    @Test
    void aSyncForcesTheFileToDiskOnItsOwnConnection() throws SQLException, IOException {
        String url = "jdbc:h2:file:" + dir.resolve("tollgate") + ";TRACE_LEVEL_FILE=3";
        DataSource h2 = dataSource(url);
        DurableCommits commits = new DurableCommits(h2);
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v INT)");
            connection.setAutoCommit(false);
            int before = syncs();
            statement.execute("INSERT INTO t VALUES (1)");
            connection.commit();
            commits.forceWrites();
            commits.forceWrites();
            assertEquals(before + 2, syncs());
        } finally {
            commits.close();
        }
    }

    @Test
    void aSyncAfterTheDatabaseWasClosedFailsAndTheNextOneReconnects() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("tollgate") + ";DB_CLOSE_ON_EXIT=FALSE";
        DataSource h2 = dataSource(url);
        DurableCommits commits = new DurableCommits(h2);
        try {
            commits.forceWrites();
            try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
            assertThrows(SQLException.class, commits::forceWrites);
            try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (v INT)");
            }
            commits.forceWrites(); // a new connection
        } finally {
            commits.close();
        }
    }

    @Test
    void anH2UserWhoIsNoAdminAndSoMayNotForceTheFileToDiskGetsNoConnection() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("tollgate");
        try (Connection admin = DriverManager.getConnection(url, "sa", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE USER reader PASSWORD 'reader'");
        }
        DataSource asReader = ConfiguredDataSource.create(
                Map.of("tollgate.db.url", url, "tollgate.db.user", "reader", "tollgate.db.password", "reader")::get);
        // H2 itself refuses the URL's SET WRITE_DELAY to a user who is no admin (ErrorCode.ADMIN_RIGHTS_REQUIRED)
        SQLException refused = assertThrows(SQLException.class, asReader::getConnection);
        assertEquals(90040, refused.getErrorCode(), refused::toString);
        try (Connection connection = dataSource(url).getConnection()) {
            assertTrue(connection.isValid(1), "an admin, as sa is, gets its connection");
        }
    }

    private static DataSource dataSource(String url) throws SQLException {
        return ConfiguredDataSource.create(Map.of("tollgate.db.url", url)::get);
    }

    /** The write delays H2 lists: the one stored in the database, if any, and the one in effect; the same value, or several. */
    private static String writeDelay(Connection connection) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            while (setting.next()) {
                values.add(setting.getString(1));
            }
        }
        return String.join(",", values);
    }

    /** The forced syncs H2's trace file records (each statement it ran is a line {@code /*SQL …*}{@code /STATEMENT;}). */
    private int syncs() throws IOException {
        Path trace = dir.resolve("tollgate.trace.db");
        if (!Files.exists(trace)) {
            return 0;
        }
        return (int) Files.readAllLines(trace).stream().filter(line -> line.startsWith("/*SQL") && line.endsWith("*/CHECKPOINT SYNC;")).count();
    }
}
