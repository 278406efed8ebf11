package io.tollgate.net;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Counts failed attempts per client address: failed logins across usernames (password spraying: one
 * password tried on many usernames, which the per-username throttle never sees twice), wrong broker hook
 * keys. An address's window opens at its first attempt and lasts {@code windowMillis}; once
 * {@code maxFailures} of its attempts failed within it, every attempt from that address is refused, the
 * right credential included (else the refusal would tell a right guess from a wrong one), until the
 * window ends. Attempts are counted when they start, so parallel guesses cannot slip past the limit
 * while their credentials are being checked; an attempt that had the right credential, or that another
 * check refused unchecked, is taken back. The failure that reaches the limit is told apart
 * ({@link #failed}), exactly once per window however many guesses ran in parallel, so that the lock is
 * recorded once.
 * At most {@code maxTracked} addresses are remembered (Caffeine evicts the least useful first, and an
 * address is forgotten when its window ends), so guessing from many addresses costs bounded memory.
 * Per node: n nodes allow n times as many guesses.
 */
public final class AddressThrottle {

    private final int maxFailures;
    private final long windowMillis;
    private final Cache<String, Window> addresses;

    public AddressThrottle(int maxFailures, long windowMillis, long maxTracked) {
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        // maintenance on the calling thread: no background pool inside the application server
        this.addresses = Caffeine.newBuilder().maximumSize(maxTracked).executor(Runnable::run)
                .expireAfterWrite(Duration.ofMillis(windowMillis)).build();
    }

    /**
     * Registers an attempt from {@code address} before its password is checked: answers 0 if it may go
     * ahead (it counts as a failure until {@link #takeBack}), else the milliseconds until the address
     * may try again (then nothing is counted).
     */
    public long attempt(String address, long now) {
        long[] wait = {0};
        addresses.asMap().compute(address, (key, window) -> {
            Window current = window == null || window.endedBy(now, windowMillis) ? new Window(now, 0, 0) : window;
            if (current.attempts >= maxFailures) {
                wait[0] = current.start + windowMillis - now;
                return current;
            }
            return new Window(current.start, current.attempts + 1, current.failures);
        });
        return wait[0];
    }

    /**
     * Without counting anything: the milliseconds until {@code address} may try again if it is refused
     * now, else 0. For a request whose credential is already known good, where no attempt needs
     * counting: a read, no write (an address's every request through {@link #attempt} would queue
     * behind the others on the same entry).
     */
    public long refusedFor(String address, long now) {
        Window window = addresses.getIfPresent(address);
        if (window == null || window.endedBy(now, windowMillis) || window.attempts < maxFailures) {
            return 0;
        }
        return window.start + windowMillis - now;
    }

    /** The attempt from {@code address} was no failure: it had the right password, or was refused unchecked. */
    public void takeBack(String address, long now) {
        addresses.asMap().computeIfPresent(address, (key, window) ->
                window.attempts > 0 && !window.endedBy(now, windowMillis)
                        ? new Window(window.start, window.attempts - 1, window.failures) : window);
    }

    /**
     * The attempt from {@code address} failed: answers how long the address is refused (ms) if this is
     * the failure that reached the limit, else 0 (also for the failures of parallel attempts that end
     * after it).
     */
    public long failed(String address, long now) {
        long[] locked = {0};
        addresses.asMap().computeIfPresent(address, (key, window) -> {
            if (window.endedBy(now, windowMillis)) {
                return window;
            }
            int failures = window.failures + 1;
            if (failures == maxFailures) {
                locked[0] = window.start + windowMillis - now;
            }
            return new Window(window.start, window.attempts, failures);
        });
        return locked[0];
    }

    /** How many addresses are remembered now (after pending evictions). */
    long tracked() {
        addresses.cleanUp();
        return addresses.estimatedSize();
    }

    /**
     * One address's minute from {@code start}: {@code attempts} counted (failed or still being checked),
     * of which {@code failures} are known to have failed.
     */
    private record Window(long start, int attempts, int failures) {

        boolean endedBy(long now, long length) {
            return now - start >= length;
        }
    }
}
