package io.tollgate.tokens.control;

import io.tollgate.tokens.entity.ActiveToken;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded map from token hash to {@link ActiveToken}. A lookup that raced with an invalidation
 * is not stored: {@link #generation()} is read before the database and checked again on
 * {@link #put}, so a token revoked while it was being read cannot come back from the cache.
 */
public final class TokenCache {

    private final Map<String, ActiveToken> byHash = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final int capacity;

    public TokenCache(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    public ActiveToken get(String hash) {
        return byHash.get(hash);
    }

    public long generation() {
        return generation.get();
    }

    /** Stores {@code token} unless an invalidation happened since {@code readAt} was taken. */
    public void put(String hash, ActiveToken token, long readAt) {
        if (byHash.size() >= capacity) {
            byHash.clear();
        }
        byHash.put(hash, token);
        if (generation.get() != readAt) {
            byHash.remove(hash, token);
        }
    }

    public void invalidate(String tokenId) {
        generation.incrementAndGet();
        byHash.values().removeIf(token -> token.id().equals(tokenId));
    }

    public void invalidateAll() {
        generation.incrementAndGet();
        byHash.clear();
    }

    public int size() {
        return byHash.size();
    }
}
