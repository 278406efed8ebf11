package io.tollgate.storage.control;

import io.tollgate.config.EarlyConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The database URL and driver class the data source definition reads: embedded H2 in a file under
 * {@code tollgate.data-dir} by default; the driver class follows the URL, so that choosing PostgreSQL
 * takes {@code TOLLGATE_DB_URL} (plus {@code TOLLGATE_DB_USER} and {@code TOLLGATE_DB_PASSWORD}, whose
 * defaults, {@code sa} and empty, are written in the definition itself) alone.
 * <p>
 * A config source rather than microprofile-config.properties because Payara resolves the data
 * source's {@code ${MPCONFIG=…}} values before it reads the application's properties file; for the
 * same reason the operator's values are read here straight from system properties and environment
 * (which, having higher ordinals, also win over these defaults everywhere else).
 * <p>
 * The default H2 URL says {@code DB_CLOSE_ON_EXIT=FALSE}: the application closes the database itself
 * at exit, after its last writes ({@code DatabaseExit}). Its write delay is not set here:
 * {@link ConfiguredDataSource} makes every H2 file URL, this one or the operator's, commit to disk
 * ({@link DurableCommits}).
 * <p>
 * A relative data directory is written as {@code ./dir}: H2 refuses a file path that is implicitly
 * relative ({@code jdbc:h2:file:restored/tollgate}), and {@code --data restored} is what an operator types.
 */
public class DatabaseConfigSource implements ConfigSource {

    static final String URL = "tollgate.db.url";
    static final String DATA_SOURCE = "tollgate.db.datasource-class";
    static final String H2 = "org.h2.jdbcx.JdbcDataSource";
    private static final Map<String, String> DATA_SOURCES = Map.of(
            "jdbc:postgresql:", "org.postgresql.ds.PGSimpleDataSource",
            "jdbc:h2:", H2);

    /** The operator's setting for a key, or null: {@link EarlyConfig} in production, a map in tests. */
    private final UnaryOperator<String> operator;

    /** What Payara's service loader calls: the operator's settings from system properties and environment. */
    public DatabaseConfigSource() {
        this(EarlyConfig::value);
    }

    DatabaseConfigSource(UnaryOperator<String> operator) {
        this.operator = operator;
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(URL, DATA_SOURCE);
    }

    @Override
    public String getValue(String propertyName) {
        return switch (propertyName) {
            case URL -> url();
            case DATA_SOURCE -> dataSourceFor(url());
            default -> null;
        };
    }

    /** Whether {@code url} is of a database Tollgate has a data source for (H2, PostgreSQL). */
    static boolean supported(String url) {
        return url != null && DATA_SOURCES.keySet().stream().anyMatch(url.strip()::startsWith);
    }

    static String dataSourceFor(String url) {
        return DATA_SOURCES.entrySet().stream()
                .filter(entry -> url.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst().orElse(H2);
    }

    /** The configured URL, or H2 in a file under the data directory. */
    String url() {
        String url = operator.apply(URL);
        if (url != null) {
            return url;
        }
        String dataDir = operator.apply("tollgate.data-dir");
        return "jdbc:h2:file:" + explicit(dataDir == null ? "./data" : dataDir) + "/tollgate;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The directory as H2 takes it: absolute, or relative with an explicit {@code ./}. */
    static String explicit(String dir) {
        return Path.of(dir).isAbsolute() || dir.startsWith("./") ? dir : "./" + dir;
    }

    @Override
    public int getOrdinal() {
        // above microprofile-config.properties (100), below environment variables (300)
        return 150;
    }

    @Override
    public String getName() {
        return "tollgate-database-defaults";
    }
}
