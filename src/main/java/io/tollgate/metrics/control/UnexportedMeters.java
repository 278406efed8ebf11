package io.tollgate.metrics.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;

/**
 * Where the server offers neither MicroProfile Metrics nor Micrometer (e.g. WildFly without its
 * {@code micrometer} subsystem): the application runs, its metrics are not exported, and the log says
 * so once when the first meter is made.
 */
@ApplicationScoped
public class UnexportedMeters implements Meters {

    private static final Logger LOG = Logger.getLogger(UnexportedMeters.class.getName());
    private static final Counter NO_COUNTER = new Counter() {
        @Override
        public void inc() {
        }

        @Override
        public void inc(long amount) {
        }
    };
    private static final Timer NO_TIMER = duration -> { };

    private final AtomicBoolean told = new AtomicBoolean();

    @Override
    public Counter counter(String name, String description, String... tags) {
        tell();
        return NO_COUNTER;
    }

    @Override
    public <T> void gauge(String name, String description, T source, ToLongFunction<T> value, String... tags) {
        tell();
    }

    @Override
    public Timer timer(String name, String description, String... tags) {
        tell();
        return NO_TIMER;
    }

    private void tell() {
        if (told.compareAndSet(false, true)) {
            LOG.warning("Application metrics are not exported on this server: it has neither MicroProfile Metrics"
                    + " nor Micrometer (on WildFly, add the micrometer subsystem: scripts/wildfly-setup.sh)");
        }
    }
}
