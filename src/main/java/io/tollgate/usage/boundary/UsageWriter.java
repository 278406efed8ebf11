package io.tollgate.usage.boundary;

import io.tollgate.time.Now;
import io.tollgate.health.boundary.ReadinessData;
import io.tollgate.metrics.control.Meters;
import io.tollgate.metrics.control.Meters.Counter;
import io.tollgate.tokens.boundary.ActiveTokens;
import io.tollgate.storage.boundary.DatabaseExit;
import io.tollgate.storage.boundary.Migrations;
import io.tollgate.tokens.control.LastUses;
import io.tollgate.tokens.control.LastUses.LastUse;
import io.tollgate.usage.control.UsageBuffer;
import io.tollgate.usage.entity.TokenUse;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's usage writer: requests add their use to a bounded in-memory buffer (never a database
 * write on the request path), and a task of the container's default managed scheduled executor
 * (Jakarta Concurrency, no EJB timer) writes what is there once per {@code tollgate.usage.flush-interval},
 * one row per token and flush ({@link io.tollgate.usage.control.UseChunks}), together with the
 * pending last-use dates. A failed write puts its batch back at the
 * buffer's front (the oldest then go first if the buffer overflows). What is left when the JVM stops is
 * written through {@link DatabaseExit} (the container's pool may be gone by then); when the application
 * is undeployed while the JVM goes on, {@code @PreDestroy} writes it through the pool.
 * A second task enforces retention (see {@link #cleanUp}).
 */
@ApplicationScoped
public class UsageWriter implements ReadinessData {

    @Inject
    Now clock;

    private static final Logger LOG = Logger.getLogger(UsageWriter.class.getName());
    /** Uses per write transaction: a few chunks per busy token. */
    private static final int BATCH = 10_000;
    /** Chunks per retention delete: each its own short transaction. */
    private static final int DELETE_CHUNK = 500;
    /** The contract's floor: at least the newest 1 000 uses of a token are kept. */
    static final int MIN_KEEP = 1000;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    UsageLog store;

    @Inject
    ActiveTokens tokens;

    @Inject
    Migrations migrations;

    @Inject
    DatabaseExit exit;

    @Inject
    Meters metrics;

    @Inject
    @ConfigProperty(name = "tollgate.usage.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "tollgate.usage.buffer-size", defaultValue = "50000")
    int bufferSize;

    @Inject
    @ConfigProperty(name = "tollgate.usage.flush-interval", defaultValue = "PT1S")
    Duration flushInterval;

    @Inject
    @ConfigProperty(name = "tollgate.usage.retention", defaultValue = "P90D")
    Duration retention;

    @Inject
    @ConfigProperty(name = "tollgate.usage.keep", defaultValue = "10000")
    int keep;

    @Inject
    @ConfigProperty(name = "tollgate.usage.cleanup-interval", defaultValue = "PT10M")
    Duration cleanupInterval;

    private UsageBuffer<TokenUse> buffer;
    /** Held directly, not through the bean's proxy: the exit hook may run after the contexts are gone. */
    private LastUses lastUses;
    private Counter dropped;
    /** Tokens with uses written since the last clean-up: the only ones that can have grown past {@code keep}. */
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    /** When the buffer was last written ({@code System.nanoTime()}). */
    private volatile long lastFlush = System.nanoTime();
    private volatile boolean failing;

    @PostConstruct
    void init() {
        buffer = new UsageBuffer<>(Math.max(1, bufferSize));
        lastUses = tokens.lastUses();
        dropped = metrics.counter("tollgate_usage_dropped",
                "Token uses dropped from the full usage buffer before they could be written");
        metrics.gauge("tollgate_usage_buffer_size", "Token uses waiting in this node's usage buffer", buffer, b -> b.size());
        metrics.gauge("tollgate_usage_buffer_capacity", "How many token uses this node's usage buffer holds at most",
                buffer, b -> b.capacity());
        if (keep < MIN_KEEP) {
            LOG.warning(() -> "tollgate.usage.keep=" + keep + " is below the contract's " + MIN_KEEP + "; using " + MIN_KEEP);
            keep = MIN_KEEP;
        }
    }

    /** Starts the flush and clean-up tasks with the application, once the schema is migrated. */
    public void start() {
        migrations.ensureMigrated();
        exit.onExit(connection -> flush((uses, last) -> UsageLog.write(connection, uses, last)));
        long flush = Math.max(10, flushInterval.toMillis());
        tasks.add(executor.scheduleWithFixedDelay(this::flushQuietly, flush, flush, TimeUnit.MILLISECONDS));
        long cleanup = Math.max(1000, cleanupInterval.toMillis());
        tasks.add(executor.scheduleWithFixedDelay(this::cleanUpQuietly, cleanup / 10, cleanup, TimeUnit.MILLISECONDS));
    }

    /** Writes what is left before the application goes. */
    @PreDestroy
    void stop() {
        tasks.forEach(task -> task.cancel(false));
        flushQuietly();
    }

    /** Adds a use to the buffer (nothing when recording is switched off for a benchmark). */
    public void record(TokenUse use) {
        if (enabled && buffer.add(use)) {
            dropped.inc();
        }
    }

    /** Writes everything buffered now and the pending last uses; answers false if a write failed. */
    public boolean flush() {
        return flush(store::write);
    }

    /** How a flush writes a batch: through the pool, or on the exit hook's own connection. */
    @FunctionalInterface
    interface BatchWrite {
        void write(List<TokenUse> uses, Map<String, LastUse> lastUses) throws SQLException;
    }

    private synchronized boolean flush(BatchWrite write) {
        try {
            Map<String, LastUse> pending = lastUses.snapshot();
            do {
                List<TokenUse> batch = buffer.take(BATCH);
                if (batch.isEmpty() && pending.isEmpty()) {
                    break;
                }
                try {
                    write.write(batch, pending);
                } catch (SQLException | RuntimeException e) {
                    dropped.inc(buffer.putBack(batch));
                    throw e;
                }
                pending.forEach(lastUses::written);
                pending = Map.of();
                batch.forEach(use -> written.add(use.tokenId()));
            } while (buffer.size() > 0);
            lastFlush = System.nanoTime();
            if (failing) {
                failing = false;
                LOG.info("Token usage is written again");
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "Could not write token usage (will retry; the buffer keeps the newest {0}): {1}",
                        new Object[] {buffer.capacity(), e.toString()});
            }
            return false;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Token usage flush failed", e);
        }
    }

    /**
     * Retention: chunks whose uses are all older than {@code tollgate.usage.retention} go, oldest first,
     * {@value #DELETE_CHUNK} at a time through the date index (each its own short transaction), so that
     * a log of ten million uses is never locked or scanned as a whole; then each token written to since
     * the last run loses its chunks beyond those holding its newest {@code tollgate.usage.keep} uses,
     * found through the (token, date) index. Tokens no node wrote to lose their surplus to the age cut.
     */
    public void cleanUp(long now) throws SQLException {
        long cutoff = now - retention.toMillis();
        while (store.deleteOlderThan(cutoff, DELETE_CHUNK) == DELETE_CHUNK) {
            // next chunk
        }
        for (String tokenId : List.copyOf(written)) {
            written.remove(tokenId);
            while (store.deleteBeyond(tokenId, keep, DELETE_CHUNK) == DELETE_CHUNK) {
                // next chunk
            }
        }
    }

    private void cleanUpQuietly() {
        try {
            cleanUp(clock.millis());
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Token usage clean-up failed (will retry): {0}", e.toString());
        }
    }

    /** How the writer is keeping up, for readiness. */
    @Override
    public Map<String, Object> readinessData() {
        return Map.of("usage_enabled", enabled,
                "usage_buffered", buffer.size(),
                "usage_buffer_capacity", buffer.capacity(),
                "usage_dropped", buffer.dropped(),
                "usage_last_flush_age_ms", java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastFlush),
                "usage_writing", !failing);
    }
}
