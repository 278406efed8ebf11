package io.tollgate.tokens.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.tokens.entity.ActiveToken;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

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
 * for long enough to let an invalidation miss a cached hash. Invalidations run one at a time (they
 * are rare; lookups take no lock): one that returns has dropped every entry it concerns, even when
 * another one of the same token (the node's own, and its notification heard back) took the token's
 * index row first and was still removing its entries.
 * <p>
 * <b>Trust.</b> A single node's cache is trusted for good: every change goes through it. In a cluster
 * the cache is only as good as the invalidations that reach it from the other nodes, so whoever
 * receives them says how long it may be trusted: {@link #distrust()} when they stopped (or never
 * started) arriving, which empties the cache, serves nothing and stores nothing; {@link #trustUntil}
 * once they arrive again, renewed while they keep arriving. A lease that ran out without a renewal
 * serves nothing but keeps its entries (the receiver may only be late: it calls {@code distrust()} if
 * it finds that it missed anything). Trusted again after a distrust, the cache starts empty, and a
 * lookup read before that moment is not stored ({@link #generation()}), as it may have missed a change
 * whose invalidation was lost.
 * <p>
 * <b>Followers.</b> A cache of something derived from tokens elsewhere (the MQTT clients' secrets of
 * the brokers' hooks) {@linkplain #follow follows} this one: every invalidation, whichever way it came
 * (this node's change after its commit, another node's notification, a distrust, a trust regained),
 * tells it which token (or that all) to drop, after {@link #generation()} moved, so that a follower
 * that guards its stores with the generation as {@link #put} does never keeps a stale read.
 */
public final class TokenCache {

    /** Told of every invalidation of this cache, inside it: drops what it derived from those tokens. Must be quick. */
    public interface Follower {

        /** Every entry of the token with this id is stale. */
        void invalidated(String tokenId);

        /** Every entry is stale. */
        void invalidatedAll();
    }

    private final Map<String, Set<String>> hashesById = new ConcurrentHashMap<>();
    private final Cache<String, ActiveToken> byHash;
    private final AtomicLong generation = new AtomicLong();
    /** How many times every entry was dropped at once ({@link #invalidateAll}, {@link #distrust}). */
    private final AtomicLong clearings = new AtomicLong();
    /** Held by every invalidation, so that none returns while another is still removing entries. */
    private final Object invalidating = new Object();
    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    private final LongSupplier clock;
    /** Whether lookups are neither served nor stored: invalidations may have been missed. */
    private volatile boolean distrusted;
    /** Whether trust is a lease ({@link #trustedUntil}, on {@link #clock}) rather than for good. */
    private volatile boolean leased;
    private volatile long trustedUntil;

    /** A cache trusted for good until told otherwise (a single node). */
    public TokenCache(int capacity) {
        this(capacity, System::nanoTime);
    }

    /** The same, whose leases ({@link #trustUntil}) run on {@code clock} (nanoseconds, as {@link System#nanoTime()}). */
    public TokenCache(int capacity, LongSupplier clock) {
        this.clock = clock;
        byHash = Caffeine.newBuilder()
                .maximumSize(Math.max(1, capacity))
                // maintenance (eviction) on the calling thread: no pool thread of the server's for a cache
                .executor(Runnable::run)
                .<String, ActiveToken>evictionListener((hash, token, cause) -> unindex(token, hash))
                .build();
    }

    /** The cached lookup of this hash; null if there is none, or if the cache is not trusted now. */
    public ActiveToken get(String hash) {
        return trusted() ? byHash.getIfPresent(hash) : null;
    }

    /** Whether cached lookups may be served now. */
    public boolean trusted() {
        return !distrusted && (!leased || clock.getAsLong() - trustedUntil < 0);
    }

    /**
     * Stops serving and storing lookups, and forgets every one: invalidations may have been missed
     * (the cluster's channel dropped, or is not open yet). Until {@link #trustUntil}.
     */
    public void distrust() {
        distrusted = true;
        invalidateAll();
    }

    /**
     * Serves lookups until {@code deadline} ({@link #clock}), or renews that lease. After a
     * {@link #distrust()}, the cache starts empty and no lookup read before this call is stored.
     */
    public void trustUntil(long deadline) {
        if (distrusted) {
            invalidateAll(); // entries stored meanwhile (none should be) and lookups in flight are stale
        }
        trustedUntil = deadline;
        leased = true;
        distrusted = false;
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

    /** Tells {@code follower} of every invalidation from now on. */
    public void follow(Follower follower) {
        followers.add(follower);
    }

    /**
     * Changes whenever every entry is dropped at once: the moment a cache of other lookups that must
     * go whenever this one goes whole (a project or broker deleted, a broker's hook key replaced, a
     * cluster notification for everything, a distrust) compares against; read it before its database read.
     */
    public long clearings() {
        return clearings.get();
    }

    /** Stores {@code token} unless an invalidation happened since {@code readAt} was taken, or the cache is distrusted. */
    public void put(String hash, ActiveToken token, long readAt) {
        if (distrusted) {
            return;
        }
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
        synchronized (invalidating) {
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
            followers.forEach(follower -> follower.invalidated(tokenId));
        }
    }

    public void invalidateAll() {
        synchronized (invalidating) {
            generation.incrementAndGet();
            clearings.incrementAndGet();
            // entry by entry, each with its index row, so that a lookup stored meanwhile stays indexed
            byHash.asMap().forEach((hash, token) -> remove(hash, token));
            followers.forEach(Follower::invalidatedAll);
        }
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
