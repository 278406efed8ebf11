package io.tollgate.auth.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per username: more than {@code maxFailures} within {@code windowMillis} locks
 * that username for {@code lockMillis}; a success resets it. Attempts are counted when they start,
 * so parallel guesses cannot slip past the limit while their passwords are being checked. Per node: a cluster of n nodes allows
 * at most n times as many guesses.
 */
public final class LoginThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final int maxFailures;
    private final long windowMillis;
    private final long lockMillis;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, long windowMillis, long lockMillis) {
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.lockMillis = lockMillis;
    }

    /**
     * Registers an attempt before its password is checked, so that a burst of parallel guesses is
     * counted as it arrives: answers 0 if the attempt may go ahead (it counts as a failure until
     * {@link #succeeded}), else the milliseconds until the username may try again.
     */
    public long attempt(String username, long now) {
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> f.lockedUntil < now && now - f.windowStart > windowMillis);
        }
        long[] wait = {0};
        failures.compute(username, (name, f) -> {
            if (f != null && f.lockedUntil > now) {
                wait[0] = f.lockedUntil - now;
                return f;
            }
            Failures current = f == null || now - f.windowStart > windowMillis ? new Failures(now, 0, 0) : f;
            int count = current.count + 1;
            return new Failures(current.windowStart, count, count > maxFailures ? now + lockMillis : 0);
        });
        return wait[0];
    }

    public void succeeded(String username) {
        failures.remove(username);
    }

    private record Failures(long windowStart, int count, long lockedUntil) {
    }
}
