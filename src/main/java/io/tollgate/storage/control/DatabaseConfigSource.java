package io.tollgate.storage.control;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives {@code tollgate.db.datasource-class} from the JDBC URL the operator configured
 * ({@code -Dtollgate.db.url} or {@code TOLLGATE_DB_URL}; none means embedded H2), so that choosing
 * PostgreSQL takes the URL alone.
 */
public class DatabaseConfigSource implements ConfigSource {

    static final String KEY = "tollgate.db.datasource-class";
    private static final Map<String, String> DATA_SOURCES = Map.of(
            "jdbc:postgresql:", "org.postgresql.ds.PGSimpleDataSource",
            "jdbc:h2:", "org.h2.jdbcx.JdbcDataSource");

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public String getValue(String propertyName) {
        if (KEY.equals(propertyName)) {
            return dataSourceFor(url());
        }
        return null;
    }

    static String dataSourceFor(String url) {
        return DATA_SOURCES.entrySet().stream()
                .filter(entry -> url.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst().orElse("org.h2.jdbcx.JdbcDataSource");
    }

    /** The configured URL; the embedded H2 default when none is. */
    static String url() {
        String url = System.getProperty("tollgate.db.url", System.getenv("TOLLGATE_DB_URL"));
        return url == null ? "jdbc:h2:" : url.strip();
    }

    @Override
    public int getOrdinal() {
        // above microprofile-config.properties (100), below environment variables (300)
        return 150;
    }

    @Override
    public String getName() {
        return "tollgate-database";
    }
}
