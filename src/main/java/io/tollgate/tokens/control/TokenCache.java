package io.tollgate.tokens.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.tokens.entity.ActiveToken;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded map from token hash to {@link ActiveToken}: Caffeine evicts single entries when full,
 * and an index from token id to its hashes lets {@link #invalidate} drop one token without a scan.
 * A lookup that raced with an invalidation is not stored: {@link #generation()} is read before the
 * database and checked again on {@link #put}, so a token revoked while it was being read cannot come
 * back from the cache.
 * <p>
 * Invariant: whenever the cache holds {@code hash → token}, the index holds {@code token.id() → hash}.
 * Every change to one hash's entry and its index row happens inside Caffeine's atomic operation on that
 * hash (compute, or the eviction listener, which runs within the eviction), so the two never disagree
 * for long enough to let an invalidation miss a cached hash.
 */
public final class TokenCache {

    private final Map<String, Set<String>> hashesById = new ConcurrentHashMap<>();
    private final Cache<String, ActiveToken> byHash;
    private final AtomicLong generation = new AtomicLong();

    public TokenCache(int capacity) {
        byHash = Caffeine.newBuilder()
                .maximumSize(Math.max(1, capacity))
                // maintenance (eviction) on the calling thread: no pool thread of the server's for a cache
                .executor(Runnable::run)
                .<String, ActiveToken>evictionListener((hash, token, cause) -> unindex(token, hash))
                .build();
    }

    public ActiveToken get(String hash) {
        return byHash.getIfPresent(hash);
    }

    /** The cached token with this id, or null if none of its lookups is cached (any more). */
    public ActiveToken byId(String tokenId) {
        Set<String> hashes = hashesById.get(tokenId);
        if (hashes != null) {
            for (String hash : hashes) {
                ActiveToken token = byHash.getIfPresent(hash);
                if (token != null && token.id().equals(tokenId)) {
                    return token;
                }
            }
        }
        return null;
    }

    public long generation() {
        return generation.get();
    }

    /** Stores {@code token} unless an invalidation happened since {@code readAt} was taken. */
    public void put(String hash, ActiveToken token, long readAt) {
        byHash.asMap().compute(hash, (key, old) -> {
            if (old != null) {
                unindex(old, key);
            }
            hashesById.computeIfAbsent(token.id(), id -> ConcurrentHashMap.newKeySet()).add(key);
            return token;
        });
        if (generation.get() != readAt) {
            remove(hash, token);
        }
    }

    public void invalidate(String tokenId) {
        generation.incrementAndGet();
        Set<String> hashes = hashesById.remove(tokenId);
        if (hashes != null) {
            hashes.forEach(hash -> byHash.asMap().computeIfPresent(hash, (key, cached) -> {
                if (!cached.id().equals(tokenId)) {
                    return cached;
                }
                unindex(cached, key); // a lookup stored meanwhile may have indexed it again
                return null;
            }));
        }
    }

    public void invalidateAll() {
        generation.incrementAndGet();
        // entry by entry, each with its index row, so that a lookup stored meanwhile stays indexed
        byHash.asMap().forEach((hash, token) -> remove(hash, token));
    }

    public int size() {
        byHash.cleanUp();
        return byHash.asMap().size();
    }

    /** Removes {@code hash} if it still maps to this very {@code token}, with its index row. */
    private void remove(String hash, ActiveToken token) {
        byHash.asMap().computeIfPresent(hash, (key, cached) -> {
            if (cached != token) {
                return cached;
            }
            unindex(cached, key);
            return null;
        });
    }

    private void unindex(ActiveToken token, String hash) {
        hashesById.computeIfPresent(token.id(), (id, hashes) -> {
            hashes.remove(hash);
            return hashes.isEmpty() ? null : hashes;
        });
    }

    /** How many token ids the index holds: never more than the cached entries (for tests). */
    int indexedTokens() {
        return hashesById.size();
    }
}
