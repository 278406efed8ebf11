package io.tollgate.hooks.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.access.control.CredentialHash;
import io.tollgate.hooks.entity.ConnectedClient;
import io.tollgate.storage.control.Constraints;
import io.tollgate.tokens.control.TokenCache;

/**
 * Which secret each MQTT client connected with: (broker, client id, token id) to that secret's hash and
 * its end as of the connect (epoch ms; {@link Long#MAX_VALUE} for the then current secret). A publish or
 * subscribe check names only the token; this tells which secret the client behind it holds, so that the
 * check judges the token as that secret presents it now: refused once a previous secret's grace is over,
 * and once a rotation after the connect has ended the secret the client holds.
 * <p>
 * <b>The database is the truth, this is a node's cache of it.</b> The rows ({@link Store}, table
 * {@code mqtt_clients}) are shared by the nodes, so a check on a node the client did not connect through
 * judges it alike. The cache is bounded (least useful evicted; an evicted entry is read again, one read
 * by primary key) and remembers the absence of a row too, so that a client without one costs no read per
 * check. It follows the token cache ({@link TokenCache.Follower}): every invalidation of a token, on this
 * node or from another one, drops that token's entries (all of them for an invalidation of everything),
 * an entry is served only while the token cache is trusted, and a read that raced an invalidation is
 * not kept ({@link TokenCache#generation()}, as the token cache's own {@code put}). Entries need no
 * expiry of their own: an ended secret stays ended in its row. Dropping a token's entries scans the
 * cache (it holds at most {@code capacity} entries; invalidations are changes, not checks).
 * <p>
 * <b>A connect writes only what this node does not know already</b>: a client that connects again with
 * the secret its entry holds costs nothing. Otherwise its row is written ({@link Store#connected}),
 * which tells the other nodes when their entries may be stale (a different secret than the row held,
 * or a row that names a previous secret while they may remember no row). A row written by another
 * node at the same moment fails this write once; it is written again, as an update.
 * <p>
 * Client ids are any text a broker sends (up to 65 535 characters): the cache keys on the id itself,
 * the row on {@link #clientKey} (the id if it fits its column, else its start and its hash). A contract
 * that reports no client id ({@code null}) keeps one row per broker and token: such clients share it.
 */
public final class ClientSecrets implements TokenCache.Follower {

    /** The rows: one per broker, client key ({@link #clientKey}) and token. */
    public interface Store {

        /** The secret this client's row holds, or null if it has none. */
        Secret read(String brokerId, String clientKey, String tokenId);

        /**
         * Writes that the client connected at {@code now} with {@code secret}, in a transaction that
         * tells every node's token cache (and so this cache) that the token changed when another node may
         * hold a stale entry: the row held another secret, or a new row names a previous secret. May
         * fail with a constraint violation when another node inserted the same row meanwhile.
         */
        void connected(String brokerId, String clientKey, String tokenId, Secret secret, long now);
    }

    /** The absence of a row, as cached. */
    private static final Secret NONE = new Secret("", Long.MIN_VALUE);

    private final Cache<Client, Secret> held;
    private final TokenCache follows;
    private final Store store;

    /** At most {@code capacity} entries, following {@code follows}, in front of {@code store}. */
    public ClientSecrets(int capacity, TokenCache follows, Store store) {
        this.follows = follows;
        this.store = store;
        this.held = Caffeine.newBuilder()
                .maximumSize(Math.max(1, capacity))
                // maintenance on the calling thread: no pool thread of the server's for a cache
                .executor(Runnable::run)
                .build();
        follows.follow(this);
    }

    /**
     * A successful connect of {@code clientId} at {@code now} with the secret of {@code tokenId} whose
     * hash is {@code secretHash}: a previous one works until {@code secretEnds}, the current one until a
     * rotation ends it ({@code secretEnds} {@link Long#MAX_VALUE}). Written unless this node knows it
     * already, so that a later rotation's end reaches the client's next check on any node too.
     */
    public void connected(String brokerId, String clientId, String tokenId, String secretHash, long secretEnds,
                          long now) {
        Client client = new Client(brokerId, clientId, tokenId);
        Secret secret = new Secret(secretHash, secretEnds);
        if (secret.equals(held.getIfPresent(client)) && follows.trusted()) {
            return;
        }
        long readAt = follows.generation();
        String key = clientKey(clientId);
        // a constraint failure once: another node inserted the row first, written again as an update; twice: the
        // token or broker was deleted meanwhile, nothing to remember (its next check is refused)
        if (!written(brokerId, key, tokenId, secret, now) && !written(brokerId, key, tokenId, secret, now)) {
            return;
        }
        keep(client, secret, readAt);
    }

    /** Writes the row; false if a constraint refused it, any other failure is thrown (no connect allowed unrecorded). */
    private boolean written(String brokerId, String key, String tokenId, Secret secret, long now) {
        try {
            store.connected(brokerId, key, tokenId, secret, now);
            return true;
        } catch (RuntimeException failure) {
            if (!Constraints.isViolation(failure)) {
                throw failure;
            }
            return false;
        }
    }

    /** The secret this client connected with, or null if it has no row (it is judged by the token's current secret). */
    public Secret secret(String brokerId, String clientId, String tokenId) {
        Client client = new Client(brokerId, clientId, tokenId);
        Secret cached = held.getIfPresent(client);
        if (cached != null && follows.trusted()) {
            return cached == NONE ? null : cached;
        }
        long readAt = follows.generation();
        Secret read = store.read(brokerId, clientKey(clientId), tokenId);
        keep(client, read == null ? NONE : read, readAt);
        return read;
    }

    @Override
    public void invalidated(String tokenId) {
        held.asMap().keySet().removeIf(client -> client.tokenId().equals(tokenId));
    }

    @Override
    public void invalidatedAll() {
        held.invalidateAll();
    }

    /** How many entries this node holds (tests). */
    long size() {
        held.cleanUp();
        return held.estimatedSize();
    }

    /** Keeps what was read (or written) at generation {@code readAt}, unless an invalidation came since. */
    private void keep(Client client, Secret secret, long readAt) {
        if (!follows.trusted() || follows.generation() != readAt) {
            return;
        }
        held.put(client, secret);
        if (follows.generation() != readAt) {
            held.asMap().remove(client, secret); // an invalidation between the check and the put may have missed it
        }
    }

    /**
     * The client id as its row names it: {@code ''} for none; the id itself if it fits the column
     * ({@value ConnectedClient#CLIENT_ID_LENGTH} characters); else its first characters, {@code '~'} and
     * the SHA-256 hex of the whole id, exactly the column's length, so that two long ids never share a row.
     */
    static String clientKey(String clientId) {
        if (clientId == null) {
            return "";
        }
        int max = ConnectedClient.CLIENT_ID_LENGTH;
        if (clientId.length() <= max && clientId.indexOf('\0') < 0) {
            return clientId;
        }
        int cut = Math.min(clientId.length(), max - 65);
        if (cut > 0 && Character.isHighSurrogate(clientId.charAt(cut - 1))) {
            cut--; // never half a character
        }
        // PostgreSQL takes no NUL in text: an id with one is named by its hash as a long one is
        return clientId.substring(0, cut).replace('\0', '?') + '~' + CredentialHash.of(clientId);
    }

    /**
     * The secret a client connected with: its hash (the token cache's key) and when it ended as of that
     * connect ({@link Long#MAX_VALUE} for a current secret; a later rotation may end it sooner).
     */
    public record Secret(String hash, long ends) {
    }

    private record Client(String brokerId, String clientId, String tokenId) {
    }
}
