package io.tollgate.storage.boundary;

import io.tollgate.config.DataDirectory;
import io.tollgate.storage.control.DatabaseStartFailures;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with the Flyway migrations in {@code db/migration} (and the Java
 * migrations of the features) before anything
 * else touches the database. Flyway's own lock makes nodes that start together migrate once.
 * A CDI bean created first of the start ({@code start.boundary.StartSequence}) rather than an EJB
 * {@code @Startup} singleton:
 * a server without an EJB container (WildFly's microprofile configuration) never runs those. It is
 * not transactional (a CDI bean without {@code @Transactional}): Flyway manages its own transactions.
 */
@ApplicationScoped
public class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    /** Migrations SQL cannot express, contributed by the features as beans (the usage log's chunks). */
    @Inject
    @Any
    Instance<JavaMigration> javaMigrations;

    private volatile String schemaVersion;

    @PostConstruct
    void migrate() {
        // before any data is written: created or tightened to 700 (H2 may have just created it with the umask)
        DataDirectory.established();
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(javaMigrations.stream().toArray(JavaMigration[]::new))
                .load();
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (RuntimeException failure) {
            // the process ends rather than staying up without the application: one line on the console, the stack
            // in the log file
            throw DatabaseStartFailures.stopStart(failure);
        }
        // the files H2 just created followed the umask: 600 like the rest
        DataDirectory.secure();
        // targetSchemaVersion is null when nothing was applied (every restart): ask the history table
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : String.valueOf(flyway.info().current().getVersion());
        LOG.info(() -> "Database schema at version " + version
                + " (" + result.migrationsExecuted + " migrations applied now)");
        MigrationInfo current = flyway.info().current();
        schemaVersion = current == null ? null : current.getVersion().getVersion();
    }

    /** The schema version this node migrated to (or found) at start, for readiness. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** Returns once the schema is migrated: the container runs {@link #migrate} before any call. */
    public void ensureMigrated() {
        // nothing more to do: being called is the point
    }
}
