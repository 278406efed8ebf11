package io.tollgate.hooks.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.hooks.entity.HookedBroker;
import io.tollgate.tokens.control.TokenCache;

/**
 * Hook key hash to the broker it names, bounded, and exactly as trustworthy as the token cache it
 * follows: an entry is served only while that cache is trusted and has not been emptied whole since
 * the entry was read ({@link TokenCache#clearings()}). Every event that may change what a key names (a
 * key replaced, a broker or project deleted) empties the token cache whole, on this node after its
 * commit and on the others through the cluster's notification for everything, so a replaced key
 * stops working within the token cache's own guarantee (the next request on this node, within a second
 * on the others) with no channel of its own. A lookup read before a clearing is never stored.
 */
public final class KeyCache {

    private final Cache<String, Entry> byHash;
    private final TokenCache follows;

    public KeyCache(int capacity, TokenCache follows) {
        this.follows = follows;
        // maintenance on the calling thread: no pool thread of the server's for a cache
        this.byHash = Caffeine.newBuilder().maximumSize(Math.max(1, capacity)).executor(Runnable::run).build();
    }

    /** The broker of this key hash, or null if unknown here (or no longer to be trusted). */
    public HookedBroker get(String hash) {
        Entry entry = byHash.getIfPresent(hash);
        if (entry == null) {
            return null;
        }
        if (entry.clearing != follows.clearings() || !follows.trusted()) {
            byHash.asMap().remove(hash, entry);
            return null;
        }
        return entry.broker;
    }

    /** The moment to pass to {@link #put}: read before the database. */
    public long readAt() {
        return follows.clearings();
    }

    /** Stores a lookup read at {@code readAt}, unless the token cache was emptied meanwhile. */
    public void put(String hash, HookedBroker broker, long readAt) {
        if (readAt == follows.clearings()) {
            byHash.put(hash, new Entry(broker, readAt));
        }
    }

    private record Entry(HookedBroker broker, long clearing) {
    }
}
