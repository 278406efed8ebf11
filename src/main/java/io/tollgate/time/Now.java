package io.tollgate.time;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The one place that reads the wall clock: every date Tollgate stores or compares (creation dates,
 * expiry, a rotation's grace, usage and audit times, throttle windows, session JWTs) is read here, so
 * that the integration tests can move the server's clock instead of sleeping past an expiry (a test
 * deployment adds an alternative of this bean). Elapsed time inside one process (timeouts, request
 * durations) is measured with {@code System.nanoTime()} and is not a date.
 */
@ApplicationScoped
public class Now {

    /** Milliseconds since the epoch. */
    public long millis() {
        return System.currentTimeMillis();
    }

    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
