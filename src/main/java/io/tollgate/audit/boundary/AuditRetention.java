package io.tollgate.audit.boundary;

import io.tollgate.time.Now;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes events older than {@code tollgate.audit.retention} (default one year), every
 * {@code tollgate.audit.retention-interval} (default an hour), in chunks of {@value #CHUNK} rows, one
 * short transaction each. Runs on the container's default managed scheduled executor (Jakarta
 * Concurrency: portable, and the container stops it with the application). Every node of a cluster
 * runs it; deleting rows another node just deleted is harmless.
 */
@ApplicationScoped
public class AuditRetention {

    @Inject
    Now clock;

    static final int CHUNK = 1000;
    /** At most this many chunks per run: a huge backlog is worked off over several runs. */
    static final int MAX_CHUNKS_PER_RUN = 1000;
    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    AuditEvents events;

    @Inject
    @ConfigProperty(name = "tollgate.audit.retention", defaultValue = "P365D")
    Duration retention;

    @Inject
    @ConfigProperty(name = "tollgate.audit.retention-interval", defaultValue = "PT1H")
    Duration interval;

    private ScheduledFuture<?> job;

    /** Schedules the retention job (at start, {@code start.boundary.StartSequence}). */
    public void start() {
        if (retention.isNegative() || retention.isZero() || interval.isNegative() || interval.isZero()) {
            throw new IllegalStateException("tollgate.audit.retention and tollgate.audit.retention-interval must be positive");
        }
        // the first run a minute after start (or sooner for short intervals): a start stays quick
        long first = Math.min(interval.toMillis(), Duration.ofMinutes(1).toMillis());
        job = scheduler.scheduleWithFixedDelay(this::runSafely, first, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.cancel(false);
        }
    }

    /** Deletes what is older than the retention now; answers how many events went. */
    public long purge() {
        return purgeOlderThan(clock.millis() - retention.toMillis());
    }

    /** Deletes every event older than {@code cutoff} (epoch ms), chunk by chunk; answers how many went. */
    public long purgeOlderThan(long cutoff) {
        long deleted = 0;
        for (int i = 0; i < MAX_CHUNKS_PER_RUN; i++) {
            int chunk = events.deleteOlderThan(cutoff, CHUNK);
            deleted += chunk;
            if (chunk < CHUNK) {
                break;
            }
        }
        return deleted;
    }

    private void runSafely() {
        try {
            long deleted = purge();
            if (deleted > 0) {
                LOG.info(() -> "Audit retention: deleted " + deleted + " events older than " + retention);
            }
        } catch (RuntimeException e) {
            // the next run tries again (a database outage, say); a thrown exception would end the schedule
            LOG.log(Level.WARNING, "Audit retention run failed; retrying at the next interval: " + e);
        }
    }
}
