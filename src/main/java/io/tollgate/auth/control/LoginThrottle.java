package io.tollgate.auth.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts failed logins per (username, client address) and per username. More than
 * {@code maxFailures} failures of one pair within {@code windowMillis} lock that pair for
 * {@code lockMillis}: an attacker's address locks itself out, not the user at another address.
 * More than {@code usernameCeiling} failures of one username from all addresses within
 * {@code usernameWindowMillis} (distributed guessing) lock the username everywhere until that window
 * ends. A success clears its pair and takes its attempt back from the username's count.
 * Attempts are counted when they start, so parallel guesses cannot slip past a limit while their
 * passwords are being checked. Both maps hold at most {@code maxTracked} entries (Caffeine evicts
 * the least useful first) and forget idle entries. Per node: n nodes allow n times as many guesses.
 */
public final class LoginThrottle {

    private final int maxFailures;
    private final long windowMillis;
    private final long lockMillis;
    private final int usernameCeiling;
    private final long usernameWindowMillis;
    private final Cache<Pair, Failures> pairs;
    private final Cache<String, Failures> usernames;

    public LoginThrottle(int maxFailures, long windowMillis, long lockMillis,
                         int usernameCeiling, long usernameWindowMillis, long maxTracked) {
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.lockMillis = lockMillis;
        this.usernameCeiling = usernameCeiling;
        this.usernameWindowMillis = usernameWindowMillis;
        // maintenance on the calling thread: no background pool inside the application server
        this.pairs = Caffeine.newBuilder().maximumSize(maxTracked).executor(Runnable::run)
                .expireAfterAccess(Duration.ofMillis(windowMillis + lockMillis)).build();
        this.usernames = Caffeine.newBuilder().maximumSize(maxTracked).executor(Runnable::run)
                .expireAfterAccess(Duration.ofMillis(usernameWindowMillis)).build();
    }

    /**
     * Registers an attempt before its password is checked: answers 0 if it may go ahead (it counts as
     * a failure until {@link #succeeded}), else the milliseconds until this username may try again
     * from this address.
     */
    public long attempt(String username, String address, long now) {
        Failures ofUsername = usernames.getIfPresent(username);
        if (ofUsername != null && ofUsername.lockedUntil > now) {
            return ofUsername.lockedUntil - now;
        }
        long wait = count(pairs.asMap(), new Pair(username, address), now, maxFailures, windowMillis, false);
        if (wait > 0) {
            return wait;
        }
        count(usernames.asMap(), username, now, usernameCeiling, usernameWindowMillis, true);
        return 0;
    }

    /** The attempt of this username from this address had the right password. */
    public void succeeded(String username, String address, long now) {
        pairs.invalidate(new Pair(username, address));
        usernames.asMap().computeIfPresent(username, (name, f) -> f.count > 0 && now - f.windowStart <= usernameWindowMillis
                ? new Failures(f.windowStart, f.count - 1, f.lockedUntil) : f);
    }

    /**
     * How long this username stays locked from this address (ms), 0 if it is not: asked after a
     * failure, it tells whether that failure started a lock. Reads only; counts nothing.
     */
    public long lockedFor(String username, String address, long now) {
        long until = 0;
        Failures ofPair = pairs.getIfPresent(new Pair(username, address));
        if (ofPair != null) {
            until = ofPair.lockedUntil;
        }
        Failures ofUsername = usernames.getIfPresent(username);
        if (ofUsername != null) {
            until = Math.max(until, ofUsername.lockedUntil);
        }
        return Math.max(0, until - now);
    }

    /** How many entries both maps hold now (after pending evictions). */
    long tracked() {
        pairs.cleanUp();
        usernames.cleanUp();
        return pairs.estimatedSize() + usernames.estimatedSize();
    }

    /** Counts one attempt on {@code key}; answers the wait if the key is locked (then nothing is counted). */
    private <K> long count(ConcurrentMap<K, Failures> map, K key, long now, int limit, long window,
                           boolean lockUntilWindowEnds) {
        long[] wait = {0};
        map.compute(key, (k, f) -> {
            if (f != null && f.lockedUntil > now) {
                wait[0] = f.lockedUntil - now;
                return f;
            }
            Failures current = f == null || now - f.windowStart > window ? new Failures(now, 0, 0) : f;
            int count = current.count + 1;
            long lockedUntil = count <= limit ? 0
                    : lockUntilWindowEnds ? current.windowStart + window : now + lockMillis;
            return new Failures(current.windowStart, count, lockedUntil);
        });
        return wait[0];
    }

    private record Pair(String username, String address) {
    }

    private record Failures(long windowStart, int count, long lockedUntil) {
    }
}
