package io.tollgate.health.boundary;

import io.tollgate.storage.boundary.DatabaseProbe;
import io.tollgate.storage.boundary.Migrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the database answers and the schema is migrated; a load balancer sends no traffic to a
 * node that is not. The check's data names what was checked: the database, the schema version, and
 * what the features contribute ({@link ReadinessData}: how the usage writer keeps up, buffer fill,
 * drops, age of the last successful flush). A contribution alone never makes a node unready: a node
 * that cannot log usage still serves requests, and its buffer bounds what it holds.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    /**
     * Until the application has started, the check answers DOWN without touching the beans it asks:
     * WildFly runs health checks from its management port as soon as it listens, on a thread without
     * the application's naming context, and creating those beans there fails (with an ERROR in the log).
     */
    private volatile boolean started;

    @Inject
    DatabaseProbe database;

    @Inject
    Migrations migrations;

    /** The features' own data (the usage writer's: buffer fill, drops, age of the last flush). */
    @Inject
    Instance<ReadinessData> contributions;

    /** Called once the rest of the start is done ({@code start.boundary.StartSequence}), before the gate opens. */
    public void started() {
        started = true;
    }

    @Override
    public HealthCheckResponse call() {
        if (!started) {
            return HealthCheckResponse.named("database").down().withData("application_started", false).build();
        }
        boolean reachable = database.isUp();
        String version = migrations.schemaVersion();
        boolean migrated = version != null;
        HealthCheckResponseBuilder check = HealthCheckResponse.named("database")
                .status(reachable && migrated)
                .withData("database_reachable", reachable)
                .withData("migrations_applied", migrated)
                .withData("schema_version", migrated ? version : "none");
        contributions.forEach(contribution -> contribution.readinessData().forEach((key, value) -> {
            if (value instanceof Boolean flag) {
                check.withData(key, flag);
            } else if (value instanceof Number number) {
                check.withData(key, number.longValue());
            } else {
                check.withData(key, String.valueOf(value));
            }
        }));
        return check.build();
    }
}
