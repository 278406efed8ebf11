package io.tollgate.metrics.control;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.ToLongFunction;

/**
 * Metrics through the server's Micrometer registry (WildFly's {@code micrometer} subsystem, which has
 * no MicroProfile Metrics: its Prometheus registry serves them on the management port's
 * {@code /metrics}, next to WildFly's own). Meters are made through the registry's own methods, not
 * Micrometer's builders: WildFly's per-deployment registry forwards only those to the exported one
 * (a builder registers through {@code config()}, which it refuses), so descriptions are not exported.
 */
@ApplicationScoped
public class MicrometerMeters implements Meters {

    @Inject
    MeterRegistry registry;

    @Override
    public Counter counter(String name, String description, String... tags) {
        io.micrometer.core.instrument.Counter counter = registry.counter(name, tags(tags));
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

    @Override
    public <T> void gauge(String name, String description, T source, ToLongFunction<T> value, String... tags) {
        // held weakly by Micrometer: every source is a field of an application-scoped bean
        registry.gauge(name, tags(tags), source, s -> value.applyAsLong(s));
    }

    @Override
    public Timer timer(String name, String description, String... tags) {
        io.micrometer.core.instrument.Timer timer = registry.timer(name, tags(tags));
        return timer::record;
    }

    /**
     * As an {@code Iterable}: compiled against Micrometer 1.16 (the oldest served), run on WildFly's
     * 1.15, which has no {@code counter(String, Tags)} overload.
     */
    private static Iterable<Tag> tags(String... pairs) {
        Meters.checkTags(pairs);
        return Tags.of(pairs);
    }
}
