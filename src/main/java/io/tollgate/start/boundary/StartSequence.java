package io.tollgate.start.boundary;

import io.tollgate.access.control.CallerResolver;
import io.tollgate.audit.boundary.AuditRetention;
import io.tollgate.auth.boundary.JwtCredentials;
import io.tollgate.config.ConfigCheck;
import io.tollgate.health.boundary.DatabaseReadiness;
import io.tollgate.net.ClientAddress;
import io.tollgate.net.TrustedProxies;
import io.tollgate.storage.boundary.DatabaseExit;
import io.tollgate.storage.boundary.DatabaseProbe;
import io.tollgate.storage.boundary.Migrations;
import io.tollgate.tokens.boundary.ClusterInvalidation;
import io.tollgate.tokens.boundary.TokenMetrics;
import io.tollgate.usage.boundary.UsageWriter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.Readiness;

/**
 * The application's start, in the order written here: the one observer of the application's start
 * event in three steps, each placed among the runtime's own observers of that event by its priority.
 * The database is opened earlier still, when the persistence unit logs in at deployment
 * ({@code storage.control.StartProbe}); anything that throws here stops the deployment, before the
 * gate opens.
 * <ol>
 * <li>{@link #check}, before every other observer: the configuration (a malformed value stops the start
 * with one line), then the schema (Flyway migrations, before anything reads or writes data).</li>
 * <li>{@link #start}: what must fail the start rather than a request (trusted proxies, the credential
 * kinds with the root credential and the JWT key configuration; a first start's JWT key is made on a
 * thread of its own meanwhile), the database's exit hook and probe (created here: on WildFly, health
 * checks run on a thread without the application's naming context), then the background work (the
 * cluster's cache invalidation listener, before the first request may use the cache; the usage writer,
 * the token counts, the audit retention).</li>
 * <li>{@link #open}, after the runtime's own observers: the JWT key is awaited, readiness may answer UP,
 * the serving gate opens (until then {@code /api} answers 503), and the summary block is printed.</li>
 * </ol>
 */
@ApplicationScoped
public class StartSequence {

    private static final Logger LOG = Logger.getLogger(StartSequence.class.getName());

    @Inject
    ConfigCheck config;

    @Inject
    Migrations migrations;

    @Inject
    ClientAddress clientAddress;

    @Inject
    CallerResolver credentials;

    @Inject
    JwtCredentials jwts;

    @Inject
    DatabaseExit exit;

    @Inject
    DatabaseProbe database;

    @Inject
    ClusterInvalidation invalidation;

    @Inject
    UsageWriter usage;

    @Inject
    TokenMetrics tokenMetrics;

    @Inject
    AuditRetention auditRetention;

    @Inject
    @Readiness // the health check's qualifier, as MicroProfile Health declares it
    DatabaseReadiness readiness;

    @Inject
    ServingLifecycle serving;

    @Inject
    StartSummary summary;

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 100) @Initialized(ApplicationScoped.class)
               Object application) {
        config.check();
        migrations.ensureMigrated();
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // asked now, so that these beans are made now: a bad setting stops the deployment, not a request
        TrustedProxies proxies = clientAddress.trustedProxies();
        int kinds = credentials.kinds();
        LOG.fine(() -> kinds + " kinds of credential; trusted proxies: " + proxies.proxies());
        exit.start();
        database.isUp();
        invalidation.start();
        usage.start();
        tokenMetrics.start();
        auditRetention.start();
    }

    void open(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 50) @Initialized(ApplicationScoped.class)
              Object application) throws InterruptedException {
        jwts.awaitKey();
        readiness.started();
        serving.open();
        summary.print(application);
    }
}
