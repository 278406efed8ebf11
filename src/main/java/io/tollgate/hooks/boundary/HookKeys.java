package io.tollgate.hooks.boundary;

import io.tollgate.brokers.boundary.Brokers;
import io.tollgate.brokers.entity.Broker;
import io.tollgate.errors.NotFound;
import io.tollgate.errors.TooManyAttempts;
import io.tollgate.hooks.control.HookKeySecrets;
import io.tollgate.hooks.control.KeyCache;
import io.tollgate.hooks.entity.HookedBroker;
import io.tollgate.net.AddressThrottle;
import io.tollgate.time.Now;
import io.tollgate.tokens.boundary.ActiveTokens;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Broker hook keys: minted and replaced (the broker keeps only the hash), and resolved on every hook
 * request through a small cache ({@link KeyCache}). Wrong keys are throttled per client address: more
 * than {@code tollgate.mqtt.max-wrong-keys-per-address} (default 30) within a minute refuse that
 * address, right keys included, until the minute ends ({@link AddressThrottle}).
 */
@ApplicationScoped
public class HookKeys {

    static final Duration WINDOW = Duration.ofMinutes(1);

    @Inject
    Brokers brokers;

    @Inject
    ActiveTokens tokens;

    @Inject
    Now clock;

    @Inject
    @ConfigProperty(name = "tollgate.mqtt.max-wrong-keys-per-address", defaultValue = "30")
    int maxWrongKeys;

    @Inject
    @ConfigProperty(name = "tollgate.mqtt.key-cache-size", defaultValue = "1000")
    int cacheSize;

    @Inject
    @ConfigProperty(name = "tollgate.login.max-tracked", defaultValue = "50000")
    long maxTracked;

    private KeyCache cache;
    private AddressThrottle throttle;

    @PostConstruct
    void init() {
        cache = new KeyCache(cacheSize, tokens.cache());
        throttle = new AddressThrottle(maxWrongKeys, WINDOW.toMillis(), maxTracked);
    }

    /** A new key for the broker, replacing its old one in the same commit; shown once by the caller. */
    public String replace(String projectId, String brokerId) {
        String key = HookKeySecrets.mint();
        brokers.replaceHookKey(projectId, brokerId, HookKeySecrets.hash(key));
        return key;
    }

    /**
     * The broker {@code key} names, for a request from {@code clientAddress}: 404 if none (counted as a
     * wrong key), 429 while the address is refused.
     */
    public HookedBroker resolve(String key, String clientAddress) {
        long now = clock.millis();
        String hash = HookKeySecrets.isWellFormed(key) ? HookKeySecrets.hash(key) : null;
        HookedBroker known = hash == null ? null : cache.get(hash);
        if (known != null) {
            // a key known good: nothing to count, only whether the address is refused (a read, no write)
            refuseWhileThrottled(throttle.refusedFor(clientAddress, now));
            return known;
        }
        refuseWhileThrottled(throttle.attempt(clientAddress, now));
        HookedBroker broker;
        try {
            broker = hash == null ? null : lookup(hash);
        } catch (RuntimeException unchecked) {
            throttle.takeBack(clientAddress, now); // no key was checked (a database outage, say)
            throw unchecked;
        }
        if (broker == null) {
            throttle.failed(clientAddress, now);
            throw new NotFound("no such resource");
        }
        throttle.takeBack(clientAddress, now);
        return broker;
    }

    private static void refuseWhileThrottled(long wait) {
        if (wait > 0) {
            throw new TooManyAttempts("too many wrong hook keys from this address; try again later", (wait + 999) / 1000);
        }
    }

    private HookedBroker lookup(String hash) {
        HookedBroker cached = cache.get(hash);
        if (cached != null) {
            return cached;
        }
        long readAt = cache.readAt();
        Broker found = brokers.byHookKey(hash);
        if (found == null) {
            return null;
        }
        HookedBroker broker = new HookedBroker(found.id(), found.projectId());
        cache.put(hash, broker, readAt);
        return broker;
    }
}
