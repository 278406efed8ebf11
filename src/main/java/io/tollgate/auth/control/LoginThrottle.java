package io.tollgate.auth.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per username: more than {@code maxFailures} within {@code windowMillis} locks
 * that username for {@code lockMillis}; a success resets it. Per node: a cluster of n nodes allows
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

    /** Milliseconds until {@code username} may try again, 0 if it may now. */
    public long lockedFor(String username, long now) {
        Failures f = failures.get(username);
        return f == null ? 0 : Math.max(0, f.lockedUntil - now);
    }

    public void failed(String username, long now) {
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> f.lockedUntil < now && now - f.windowStart > windowMillis);
        }
        failures.compute(username, (name, f) -> {
            Failures current = f == null || now - f.windowStart > windowMillis && f.lockedUntil <= now
                    ? new Failures(now, 0, 0) : f;
            int count = current.count + 1;
            long lockedUntil = count > maxFailures ? now + lockMillis : current.lockedUntil;
            return new Failures(current.windowStart, count, lockedUntil);
        });
    }

    public void succeeded(String username) {
        failures.remove(username);
    }

    private record Failures(long windowStart, int count, long lockedUntil) {
    }
}
