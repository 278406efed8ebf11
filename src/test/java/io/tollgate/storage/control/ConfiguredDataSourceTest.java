package io.tollgate.storage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The driver's data source built from the settings alone: no server syntax, no connection opened. */
class ConfiguredDataSourceTest {

    @Test
    void postgresqlSettingsGiveThePostgresqlDriversDataSourceWithUrlUserAndPassword() throws SQLException {
        DataSource created = ConfiguredDataSource.create(Map.of(
                "tollgate.db.url", "jdbc:postgresql://127.0.0.1:55999/tollgate",
                "tollgate.db.datasource-class", "org.postgresql.ds.PGSimpleDataSource",
                "tollgate.db.user", "alice",
                "tollgate.db.password", "s3cret")::get);
        PGSimpleDataSource postgres = assertInstanceOfPostgres(created);
        assertEquals("127.0.0.1", postgres.getServerNames()[0]);
        assertEquals(55999, postgres.getPortNumbers()[0]);
        assertEquals("tollgate", postgres.getDatabaseName());
        assertEquals("alice", postgres.getUser());
        assertEquals("s3cret", postgres.getPassword());
    }

    @Test
    void withoutDataSourceClassTheUrlChoosesIt() throws SQLException {
        DataSource created = ConfiguredDataSource.create(Map.of(
                "tollgate.db.url", "jdbc:postgresql://127.0.0.1:55999/tollgate")::get);
        PGSimpleDataSource postgres = assertInstanceOfPostgres(created);
        assertEquals("sa", postgres.getUser(), "the default user, as for H2");
    }

    @Test
    void aDriverThatIsNotThereIsAnSqlExceptionNamingTheClassNotThePassword() {
        SQLException refused = assertThrows(SQLException.class, () -> ConfiguredDataSource.create(Map.of(
                "tollgate.db.url", "jdbc:h2:mem:x",
                "tollgate.db.datasource-class", "org.example.NoSuchDataSource",
                "tollgate.db.password", "do-not-print-me")::get));
        assertTrue(refused.getMessage().contains("org.example.NoSuchDataSource"), refused.getMessage());
        assertFalse(refused.getMessage().contains("do-not-print-me"), refused.getMessage());
    }

    @Test
    void thePoolCanSetADescription() {
        ConfiguredDataSource dataSource = new ConfiguredDataSource();
        dataSource.setDescription("Tollgate database");
        assertEquals("Tollgate database", dataSource.getDescription());
    }

    private static PGSimpleDataSource assertInstanceOfPostgres(DataSource created) {
        assertTrue(created instanceof PGSimpleDataSource, String.valueOf(created));
        return (PGSimpleDataSource) created;
    }
}
