package io.tollgate.storage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatabaseConfigSourceTest {

    private final DatabaseConfigSource source = new DatabaseConfigSource();

    @AfterEach
    void clear() {
        System.clearProperty("tollgate.db.url");
        System.clearProperty("tollgate.data-dir");
    }

    @Test
    void postgresqlUrlChoosesThePostgresqlDataSource() {
        System.setProperty("tollgate.db.url", "jdbc:postgresql://127.0.0.1:5432/tollgate");
        assertEquals("org.postgresql.ds.PGSimpleDataSource", source.getValue("tollgate.db.datasource-class"));
    }

    @Test
    void withoutUrlTheDatabaseIsAnH2FileInTheDataDirectory() {
        System.setProperty("tollgate.data-dir", "/var/lib/tollgate");
        assertEquals("jdbc:h2:file:/var/lib/tollgate/tollgate;LOCK_TIMEOUT=10000", source.getValue("tollgate.db.url"));
        assertEquals("org.h2.jdbcx.JdbcDataSource", source.getValue("tollgate.db.datasource-class"));
    }

    @Test
    void otherKeysAreNotAnsweredHere() {
        assertNull(source.getValue("tollgate.tokens.max-lifetime"));
    }
}
