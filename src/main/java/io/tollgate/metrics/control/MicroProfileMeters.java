package io.tollgate.metrics.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/** Metrics through MicroProfile Metrics (Payara: {@code /metrics} on the HTTP port). */
@ApplicationScoped
public class MicroProfileMeters implements Meters {

    @Inject
    MetricRegistry registry;

    @Override
    public Counter counter(String name, String description, String... tags) {
        org.eclipse.microprofile.metrics.Counter counter = registry.counter(metadata(name, description, MetricUnits.NONE), tags(tags));
        return new Counter() {
            @Override
            public void inc() {
                counter.inc();
            }

            @Override
            public void inc(long amount) {
                counter.inc(amount);
            }
        };
    }

    @Override
    public <T> void gauge(String name, String description, T source, ToLongFunction<T> value, String... tags) {
        registry.gauge(metadata(name, description, MetricUnits.NONE), source, s -> value.applyAsLong(s), tags(tags));
    }

    /**
     * Declared in nanoseconds, the unit a MicroProfile {@code Timer} records in: Payara scales
     * {@code _mean} and {@code _max} from the declared unit to seconds ({@code _sum} it reads as a
     * {@code Duration}). Declared in seconds, it wrote them in nanoseconds under the {@code _seconds} name.
     * Its quantiles it writes unscaled whatever the unit: they are turned off for Tollgate's timers
     * ({@code mp.metrics.distribution.percentiles}, see the package documentation).
     * <p>
     * One registration at a time: Payara's timer reads that configuration into a shared list while it
     * is constructed, and two first requests of two routes at once made it throw a
     * ConcurrentModificationException (a 500 in LifecycleIT). It happens once per route.
     */
    @Override
    public synchronized Timer timer(String name, String description, String... tags) {
        org.eclipse.microprofile.metrics.Timer timer = registry.timer(metadata(name, description, MetricUnits.NANOSECONDS), tags(tags));
        return timer::update;
    }

    private static Metadata metadata(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }

    private static Tag[] tags(String... pairs) {
        Meters.checkTags(pairs);
        Tag[] tags = new Tag[pairs.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(pairs[2 * i], pairs[2 * i + 1]);
        }
        return tags;
    }
}
