package io.tollgate.storage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that cannot open the database says why in one line, with the fix. */
class DatabaseStartFailuresTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:55432/tollgate";

    /** As Flyway and the pool hand it over: the driver's exception a few causes deep. */
    private static RuntimeException wrapped(Throwable driver) {
        return new IllegalStateException("Unable to obtain connection from database",
                new RuntimeException("pool", driver));
    }

    @Test
    void aRefusedPasswordNamesUserHostAndTheVariables() {
        String line = DatabaseStartFailures.describe(wrapped(new SQLException(
                "FATAL: password authentication failed for user \"tollgate\"", "28P01")), PG, "tollgate");
        assertEquals("the database refused the password for user tollgate (PostgreSQL database tollgate at"
                + " 127.0.0.1:55432): check TOLLGATE_DB_PASSWORD and TOLLGATE_DB_USER", line);
    }

    @Test
    void aMissingDatabaseAndOneThatDoesNotAnswer() {
        assertEquals("the database does not exist (PostgreSQL database tollgate at 127.0.0.1:55432): create it, or"
                + " correct TOLLGATE_DB_URL", DatabaseStartFailures.describe(wrapped(new SQLException("x", "3D000")), PG, "u"));
        String refused = "no database answers (PostgreSQL database tollgate at 127.0.0.1:55432): start it, or correct"
                + " TOLLGATE_DB_URL";
        assertEquals(refused, DatabaseStartFailures.describe(wrapped(new SQLException("Connection refused", "08001")), PG, "u"));
        assertEquals(refused, DatabaseStartFailures.describe(wrapped(new ConnectException("Connection refused")), PG, "u"));
    }

    @Test
    void anEmbeddedDatabaseInUseNamesTheDirectoryAndTheProcessHoldingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tollgate.mv.db");
        Files.writeString(file, "x");
        String url = "jdbc:h2:file:" + dir.resolve("tollgate") + ";LOCK_TIMEOUT=10000";
        SQLException locked = new SQLException("Database may be already in use", "90020", 90020);
        String free = DatabaseStartFailures.describe(wrapped(locked), url, "sa");
        assertEquals(dir + " is in use by another process, probably another Tollgate: stop it, or give this one its own"
                + " data directory (--data or TOLLGATE_DATA_DIR)", free, "no other process has it open");
        assertTrue(DatabaseStartFailures.holderOf(file).isEmpty(), "this process is not another one");
    }

    @Test
    void aMissingDriverNamesTheUrlsKindAndHowToAddIt() throws Exception {
        SQLException missing = assertThrows(SQLException.class, () -> ConfiguredDataSource.create(Map.of(
                "tollgate.db.url", PG, "tollgate.db.datasource-class", "org.example.NoSuchDataSource")::get));
        assertEquals("no JDBC driver for jdbc:postgresql: (org.example.NoSuchDataSource is not on the class path):"
                + " add target/postgresql.jar with --addlibs, or start with scripts/run.sh, which adds it",
                DatabaseStartFailures.describe(wrapped(missing), PG, "tollgate"));
        // without a URL to name (a data source configured by other means): still one line, never an exception
        assertEquals("no JDBC driver for the database URL (org.example.NoSuchDataSource is not on the class path):"
                + " add the driver's jar with --addlibs", DatabaseStartFailures.describe(wrapped(missing), null, "tollgate"));
    }

    @Test
    void aUrlOfAnotherDatabaseNamesTheAcceptedOnesWithoutEchoingTheRest() {
        String line = DatabaseStartFailures.describe(wrapped(new SQLException("URL format error", "90046")),
                "jdbc:mysql://root:secret@127.0.0.1:3306/tollgate", "root");
        assertEquals("TOLLGATE_DB_URL must start with jdbc:h2: or jdbc:postgresql:, not jdbc:mysql:", line);
        assertEquals("TOLLGATE_DB_URL must start with jdbc:h2: or jdbc:postgresql:",
                DatabaseStartFailures.describe(wrapped(new SQLException("x")), "tollgate-db", "sa"));
        assertEquals("the database (jdbc:mysql database) failed at start: SQLException: access denied",
                DatabaseStartFailures.describe(wrapped(new SQLException("access denied")), "jdbc:mysql://db/tollgate",
                        "root", true), "with a data source class of the operator's, another database's URL may be right");
    }

    @Test
    void anythingElseIsNamedByItsInnermostMessageOnOneLine() {
        String line = DatabaseStartFailures.describe(wrapped(new SQLException("disk full\nsecond line", "53100")),
                "jdbc:h2:file:./data/tollgate", "sa");
        assertTrue(line.startsWith("the database (H2 file "), line);
        assertTrue(line.endsWith("failed at start: SQLException: disk full"), line);
    }
}
