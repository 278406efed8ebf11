package io.tollgate.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.access.entity.Role;
import io.tollgate.tokens.entity.ActiveToken;
import io.tollgate.tokens.entity.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static ActiveToken token(String id) {
        return new ActiveToken(id, "project", "name-" + id, Role.EDITOR, TokenType.UNRESTRICTED, Set.of(),
                Long.MAX_VALUE, new AtomicLong(ActiveToken.NEVER));
    }

    @Test
    void putTokenIsFoundByItsHash() {
        TokenCache cache = new TokenCache(10);
        ActiveToken token = token("t1");
        cache.put("h1", token, cache.generation());
        assertSame(token, cache.get("h1"));
        assertNull(cache.get("h2"));
    }

    @Test
    void putThatRacedWithInvalidateIsNotKept() {
        TokenCache cache = new TokenCache(10);
        ActiveToken token = token("t1");
        long readAt = cache.generation();   // before the database read
        cache.invalidate("t1");             // the token is deleted meanwhile
        cache.put("h1", token, readAt);     // the stale read comes back
        assertNull(cache.get("h1"));
        assertEquals(0, cache.size());
    }

    @Test
    void putThatRacedWithInvalidateAllIsNotKept() {
        TokenCache cache = new TokenCache(10);
        long readAt = cache.generation();
        cache.invalidateAll();
        cache.put("h1", token("t1"), readAt);
        assertNull(cache.get("h1"));
    }

    @Test
    void putReadAfterInvalidateIsKept() {
        TokenCache cache = new TokenCache(10);
        cache.invalidate("t1");
        ActiveToken token = token("t1");
        cache.put("h1", token, cache.generation());
        assertSame(token, cache.get("h1"));
    }

    @Test
    void stalePutDoesNotEvictTheFreshEntryOfAnotherHash() {
        TokenCache cache = new TokenCache(10);
        long staleReadAt = cache.generation();
        cache.invalidate("t1");
        ActiveToken fresh = token("t2");
        cache.put("h2", fresh, cache.generation());
        cache.put("h1", token("t1"), staleReadAt);
        assertNull(cache.get("h1"));
        assertSame(fresh, cache.get("h2"));
    }

    @Test
    void concurrentPutAndInvalidateNeverLeaveTheRevokedToken() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2_000; round++) {
                TokenCache cache = new TokenCache(100);
                ActiveToken token = token("t1");
                CyclicBarrier start = new CyclicBarrier(2);
                long readAt = cache.generation();   // the lookup read the database before the revocation
                Future<?> lookup = pool.submit(() -> {
                    start.await();
                    cache.put("h1", token, readAt);
                    return null;
                });
                Future<?> revoke = pool.submit(() -> {
                    start.await();
                    cache.invalidate("t1");
                    return null;
                });
                lookup.get(10, TimeUnit.SECONDS);
                revoke.get(10, TimeUnit.SECONDS);
                assertNull(cache.get("h1"), "revoked token came back from the cache in round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A node invalidates a token twice at once: after its own commit, and on hearing its own
     * notification. Each invalidation returns only once the token is gone (the request that deleted
     * it answers after its own), not as soon as it finds that the other one took the token's index row.
     */
    @Test
    void anInvalidationReturnsOnlyOnceTheTokenIsGoneEvenWhenAnotherOneOfItRunsAtTheSameTime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                TokenCache cache = new TokenCache(10_000);
                ActiveToken token = token("t1");
                for (int i = 0; i < 2_000; i++) {
                    cache.put("h" + i, token, cache.generation());   // many hashes: a long removal
                }
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Integer>> invalidations = new ArrayList<>();
                for (int thread = 0; thread < 2; thread++) {
                    invalidations.add(pool.submit(() -> {
                        start.await();
                        cache.invalidate("t1");
                        int left = 0;
                        for (int i = 0; i < 2_000; i++) {
                            left += cache.get("h" + i) == null ? 0 : 1;
                        }
                        return left;
                    }));
                }
                for (Future<Integer> invalidation : invalidations) {
                    assertEquals(0, invalidation.get(30, TimeUnit.SECONDS),
                            "entries still served after an invalidation returned, round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidateRemovesOnlyThatToken() {
        TokenCache cache = new TokenCache(10);
        ActiveToken one = token("t1");
        ActiveToken two = token("t2");
        cache.put("h1", one, cache.generation());
        cache.put("h2", two, cache.generation());
        cache.invalidate("t1");
        assertNull(cache.get("h1"));
        assertSame(two, cache.get("h2"));
        assertEquals(1, cache.size());
    }

    @Test
    void invalidateOfUnknownTokenKeepsEverything() {
        TokenCache cache = new TokenCache(10);
        cache.put("h1", token("t1"), cache.generation());
        cache.put("h2", token("t2"), cache.generation());
        cache.invalidate("t3");
        assertEquals(2, cache.size());
    }

    @Test
    void invalidateAllRemovesEverything() {
        TokenCache cache = new TokenCache(10);
        cache.put("h1", token("t1"), cache.generation());
        cache.put("h2", token("t2"), cache.generation());
        cache.invalidateAll();
        assertEquals(0, cache.size());
        assertNull(cache.get("h1"));
        assertNull(cache.get("h2"));
    }

    @Test
    void sizeNeverExceedsCapacity() {
        TokenCache cache = new TokenCache(3);
        for (int i = 0; i < 50; i++) {
            ActiveToken token = token("t" + i);
            cache.put("h" + i, token, cache.generation());
            assertTrue(cache.size() <= 3, "size " + cache.size() + " after " + (i + 1) + " puts");
            assertSame(token, cache.get("h" + i), "the newest entry is kept");
        }
    }

    @Test
    void nonPositiveCapacityStillCachesOneToken() {
        TokenCache cache = new TokenCache(0);
        ActiveToken one = token("t1");
        cache.put("h1", one, cache.generation());
        assertSame(one, cache.get("h1"));
        cache.put("h2", token("t2"), cache.generation());
        assertEquals(1, cache.size());
    }

    @Test
    void generationAdvancesOnEveryInvalidation() {
        TokenCache cache = new TokenCache(10);
        long before = cache.generation();
        cache.invalidate("t1");
        long afterOne = cache.generation();
        cache.invalidateAll();
        assertTrue(afterOne > before);
        assertTrue(cache.generation() > afterOne);
    }

    @Test
    void aFullCacheEvictsSingleEntriesNotEverything() {
        TokenCache cache = new TokenCache(100);
        for (int i = 0; i < 150; i++) {
            cache.put("h" + i, token("t" + i), cache.generation());
        }
        assertEquals(100, cache.size(), "one entry leaves for each one that comes once full");
        assertTrue(cache.indexedTokens() <= 100, "the id index shrinks with the evictions: " + cache.indexedTokens());
    }

    @Test
    void invalidateFindsATokenCachedUnderSeveralHashes() {
        TokenCache cache = new TokenCache(10);
        ActiveToken token = token("t1");
        cache.put("current", token, cache.generation());
        cache.put("previous", token, cache.generation());
        cache.put("other", token("t2"), cache.generation());
        cache.invalidate("t1");
        assertNull(cache.get("current"));
        assertNull(cache.get("previous"));
        assertEquals(1, cache.size());
        assertEquals(1, cache.indexedTokens());
    }

    @Test
    void concurrentPutsEvictionsAndInvalidationsNeverHideACachedHashFromItsInvalidation() throws Exception {
        int threads = 4;
        int tokens = 32;
        TokenCache cache = new TokenCache(8);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int seed = w;
                workers.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(seed);
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        int n = random.nextInt(tokens);
                        switch (random.nextInt(4)) {
                            case 0 -> cache.invalidate("t" + n);
                            case 1 -> cache.invalidateAll();
                            default -> cache.put("h" + n, token("t" + n), cache.generation());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(cache.size() <= 8, "size " + cache.size());
        for (int n = 0; n < tokens; n++) {
            cache.invalidate("t" + n);
            assertNull(cache.get("h" + n), "t" + n + " is still cached after its invalidation");
        }
        assertEquals(0, cache.size());
        assertEquals(0, cache.indexedTokens(), "no index row outlives its entries");
    }

    @Test
    void cachedTokenIsFoundAgainByItsIdUntilInvalidated() {
        TokenCache cache = new TokenCache(10);
        ActiveToken token = token("t1");
        cache.put("h1", token, cache.generation());
        cache.put("h2", token("t2"), cache.generation());
        assertSame(token, cache.byId("t1"), "the recorder of a use finds the record the request resolved");
        assertNull(cache.byId("t3"));
        cache.invalidate("t1");
        assertNull(cache.byId("t1"));
        assertEquals("t2", cache.byId("t2").id());
    }

    @Test
    void aCacheIsTrustedForGoodUntilDistrusted() {
        long[] now = {0};
        TokenCache cache = new TokenCache(10, () -> now[0]);
        ActiveToken token = token("t1");
        cache.put("h1", token, cache.generation());
        now[0] = Long.MAX_VALUE / 2;
        assertTrue(cache.trusted());
        assertSame(token, cache.get("h1"), "a single node's cache has no lease");
    }

    @Test
    void aDistrustedCacheForgetsEverythingAndServesAndStoresNothing() {
        TokenCache cache = new TokenCache(10);
        cache.put("h1", token("t1"), cache.generation());
        cache.distrust();
        assertFalse(cache.trusted());
        assertEquals(0, cache.size());
        cache.put("h2", token("t2"), cache.generation());
        assertNull(cache.get("h2"));
        assertEquals(0, cache.size(), "nothing stored while invalidations may be missed");
    }

    @Test
    void trustedAgainTheCacheStartsEmptyAndStoresAgain() {
        TokenCache cache = new TokenCache(10, () -> 0);
        cache.put("h1", token("t1"), cache.generation());
        cache.distrust();
        cache.trustUntil(1_000);
        assertTrue(cache.trusted());
        assertNull(cache.get("h1"));
        ActiveToken token = token("t2");
        cache.put("h2", token, cache.generation());
        assertSame(token, cache.get("h2"));
    }

    @Test
    void aLookupReadWhileDistrustedIsNotStoredOnceTrustedAgain() {
        TokenCache cache = new TokenCache(10, () -> 0);
        cache.distrust();
        long readAt = cache.generation();   // the lookup reads the database before the listener is back
        cache.trustUntil(1_000);            // the listener is back: what changed meanwhile was not heard
        cache.put("h1", token("t1"), readAt);
        assertNull(cache.get("h1"));
        assertEquals(0, cache.size());
    }

    @Test
    void aLookupReadBeforeTheDistrustIsNotStoredAfterIt() {
        TokenCache cache = new TokenCache(10, () -> 0);
        cache.trustUntil(1_000);
        long readAt = cache.generation();
        cache.distrust();
        cache.trustUntil(2_000);
        cache.put("h1", token("t1"), readAt);
        assertNull(cache.get("h1"));
    }

    @Test
    void aLeaseThatRanOutServesNothingAndARenewalServesTheEntriesAgain() {
        long[] now = {0};
        TokenCache cache = new TokenCache(10, () -> now[0]);
        cache.distrust();
        cache.trustUntil(1_000);
        ActiveToken token = token("t1");
        cache.put("h1", token, cache.generation());
        now[0] = 999;
        assertSame(token, cache.get("h1"));
        now[0] = 1_000;
        assertFalse(cache.trusted());
        assertNull(cache.get("h1"), "no renewal: the listener may be stuck or its connection dead");
        cache.trustUntil(2_000);            // a late renewal: every invalidation until it was applied
        assertSame(token, cache.get("h1"));
    }

    @Test
    void aLeaseWorksAcrossTheClocksWrapAround() {
        long[] now = {Long.MAX_VALUE - 10};
        TokenCache cache = new TokenCache(10, () -> now[0]);
        cache.trustUntil(Long.MAX_VALUE + 100);   // overflows, as System.nanoTime() may
        ActiveToken token = token("t1");
        cache.put("h1", token, cache.generation());
        now[0] = Long.MAX_VALUE + 50;
        assertSame(token, cache.get("h1"));
        now[0] = Long.MAX_VALUE + 101;
        assertNull(cache.get("h1"));
    }
}
