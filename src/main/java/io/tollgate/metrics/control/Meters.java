package io.tollgate.metrics.control;

import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * Where the application records its metrics, whatever the server exports them with: MicroProfile
 * Metrics on Payara ({@link MicroProfileMeters}), Micrometer's Prometheus registry on WildFly
 * ({@link MicrometerMeters}), nothing where neither exists ({@link UnexportedMeters}). Exactly one of
 * them is a bean ({@code WEB-INF/beans.xml} excludes the others by the classes the server offers).
 * Names are Prometheus-style without suffix ({@code tollgate_token_creations}): both exporters add
 * {@code _total} to counters and {@code _seconds} to timers, so a scrape reads the same on both.
 * Tags are given as name, value pairs.
 */
public interface Meters {

    /** A monotonic count. */
    interface Counter {
        void inc();

        void inc(long amount);
    }

    /** Durations of one kind of event, exported in seconds. */
    interface Timer {
        void update(Duration duration);
    }

    Counter counter(String name, String description, String... tags);

    /** A value read from {@code source} on each scrape; the caller keeps {@code source} reachable (Micrometer holds it weakly). */
    <T> void gauge(String name, String description, T source, ToLongFunction<T> value, String... tags);

    Timer timer(String name, String description, String... tags);

    /** Checks the name, value pairs of a meter's tags. */
    static void checkTags(String... tags) {
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in name, value pairs: " + String.join(",", tags));
        }
    }
}
