package io.tollgate.hooks.control;

import io.tollgate.tokens.control.TokenCache;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rows of {@link ClientSecrets} in memory, shared by the "nodes" of a test: a write that the real
 * store ({@code hooks.boundary.ClientRows}) announces as a token change invalidates that token in every
 * node's token cache, as the cluster's notification does after the commit. Counts reads and writes.
 */
final class MemoryRows implements ClientSecrets.Store {

    final Map<String, ClientSecrets.Secret> rows = new ConcurrentHashMap<>();
    final List<TokenCache> nodes = new CopyOnWriteArrayList<>();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    /** How many of the next writes fail as if another node had inserted the row first. */
    final AtomicInteger concurrentInserts = new AtomicInteger();

    @Override
    public ClientSecrets.Secret read(String brokerId, String clientKey, String tokenId) {
        reads.incrementAndGet();
        return rows.get(key(brokerId, clientKey, tokenId));
    }

    @Override
    public void connected(String brokerId, String clientKey, String tokenId, ClientSecrets.Secret secret, long now) {
        if (concurrentInserts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("insert failed", new java.sql.SQLException("duplicate key", "23505"));
        }
        writes.incrementAndGet();
        ClientSecrets.Secret old = rows.put(key(brokerId, clientKey, tokenId), secret);
        boolean changed = old == null ? secret.ends() != Long.MAX_VALUE : !old.hash().equals(secret.hash());
        if (changed) {
            nodes.forEach(node -> node.invalidate(tokenId));
        }
    }

    private static String key(String brokerId, String clientKey, String tokenId) {
        return brokerId + '\n' + clientKey + '\n' + tokenId;
    }
}
