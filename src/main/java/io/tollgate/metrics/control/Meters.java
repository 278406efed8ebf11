package io.tollgate.metrics.control;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * Where the application records its metrics: one Micrometer registry with Prometheus's exposition,
 * packaged in the WAR, so that every server exports the same families in the same units. Names are
 * Prometheus-style without suffix ({@code tollgate_token_creations}): the registry adds {@code _total}
 * to counters and {@code _seconds} to timers. Tags are given as name, value pairs. Features get
 * {@link Counter} and {@link Timer}, not Micrometer's types, so that only this package knows the library.
 */
@ApplicationScoped
public class Meters {

    /** The quantiles every timer exports (over Micrometer's sliding window of about a minute). */
    static final double[] QUANTILES = {0.5, 0.95, 0.99};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** A monotonic count. */
    public interface Counter {
        void inc();

        void inc(long amount);
    }

    /** Durations of one kind of event, exported in seconds. */
    public interface Timer {
        void update(Duration duration);
    }

    /** The JVM's own meters (memory, garbage collection, threads, classes, CPU, uptime): the runtime's share of /metrics. */
    @PostConstruct
    void bindJvm() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    @PreDestroy
    void close() {
        gc.close();
        registry.close();
    }

    public Counter counter(String name, String description, String... tags) {
        io.micrometer.core.instrument.Counter counter = io.micrometer.core.instrument.Counter.builder(name)
                .description(description).tags(tags).register(registry);
        return new Counter() {
            @Override
            public void inc() {
                counter.increment();
            }

            @Override
            public void inc(long amount) {
                counter.increment(amount);
            }
        };
    }

    /** A value read from {@code source} on each scrape (held strongly: it lives as long as the registry). */
    public <T> void gauge(String name, String description, T source, ToLongFunction<T> value, String... tags) {
        Gauge.builder(name, source, s -> value.applyAsLong(s)).description(description).tags(tags)
                .strongReference(true).register(registry);
    }

    /** A timer with {@link #QUANTILES}, {@code _count}, {@code _sum} and {@code _max}, all in seconds. */
    public Timer timer(String name, String description, String... tags) {
        io.micrometer.core.instrument.Timer timer = io.micrometer.core.instrument.Timer.builder(name)
                .description(description).tags(tags).publishPercentiles(QUANTILES).register(registry);
        return timer::record;
    }

    /** Every meter in Prometheus's text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}
