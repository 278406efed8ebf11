package io.tollgate.storage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's settings are given to the source directly, so the caller's environment cannot change a result. */
class DatabaseConfigSourceTest {

    private static DatabaseConfigSource with(Map<String, String> operator) {
        return new DatabaseConfigSource(operator::get);
    }

    @Test
    void postgresqlUrlChoosesThePostgresqlDataSource() {
        DatabaseConfigSource source = with(Map.of("tollgate.db.url", "jdbc:postgresql://127.0.0.1:5432/tollgate"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/tollgate", source.getValue("tollgate.db.url"));
        assertEquals("org.postgresql.ds.PGSimpleDataSource", source.getValue("tollgate.db.datasource-class"));
    }

    @Test
    void withoutUrlTheDatabaseIsAnH2FileInTheDataDirectory() {
        DatabaseConfigSource source = with(Map.of("tollgate.data-dir", "/var/lib/tollgate"));
        assertEquals("jdbc:h2:file:/var/lib/tollgate/tollgate;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE", source.getValue("tollgate.db.url"));
        assertEquals("org.h2.jdbcx.JdbcDataSource", source.getValue("tollgate.db.datasource-class"));
    }

    @Test
    void aRelativeDataDirectoryIsMadeExplicitlyRelativeAsH2RequiresIt() {
        assertEquals("jdbc:h2:file:./restored/tollgate;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE",
                with(Map.of("tollgate.data-dir", "restored")).getValue("tollgate.db.url"));
        assertEquals("jdbc:h2:file:./../backups/tollgate;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE",
                with(Map.of("tollgate.data-dir", "../backups")).getValue("tollgate.db.url"));
        assertEquals("jdbc:h2:file:./restored/tollgate;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE",
                with(Map.of("tollgate.data-dir", "./restored")).getValue("tollgate.db.url"));
    }

    @Test
    void withNeitherUrlNorDataDirectoryTheDatabaseIsAnH2FileUnderTheWorkingDirectory() {
        DatabaseConfigSource source = with(Map.of());
        assertEquals("jdbc:h2:file:./data/tollgate;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE", source.getValue("tollgate.db.url"));
        assertEquals("org.h2.jdbcx.JdbcDataSource", source.getValue("tollgate.db.datasource-class"));
    }

    @Test
    void otherKeysAreNotAnsweredHere() {
        assertNull(with(Map.of()).getValue("tollgate.tokens.max-lifetime"));
    }
}
