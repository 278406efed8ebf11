package io.tollgate.hooks.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The MQTT clients that connected with a token's previous secret, during its rotation grace: (broker,
 * client id, token id) to that secret's hash and the end of its grace then (epoch ms). A publish or
 * subscribe check names only the token, which its current secret presents; this memory tells which
 * secret the client behind it holds, so that the check judges the token as that secret presents it
 * (refused once its grace is over, or cut short by a later rotation). Node-local and bounded
 * (least useful evicted when full). An entry lives until {@link #LINGER} after its grace ends, and each
 * check that finds it after that keeps it another {@link #LINGER}: a client that stays connected and
 * keeps asking stays refused. Maintenance runs on the calling thread, as in {@link KeyCache}.
 */
public final class GraceClients {

    /** How long an ended entry is kept after the grace or after the last check that found it. */
    static final Duration LINGER = Duration.ofDays(1);

    private final Cache<Client, Secret> held;

    /** @param now the server's clock (epoch ms), against which each entry's remaining life is measured */
    public GraceClients(int capacity, LongSupplier now) {
        this(capacity, now, Ticker.systemTicker());
    }

    /** With the ticker that measures the entries' lives (tests). */
    GraceClients(int capacity, LongSupplier now, Ticker ticker) {
        this.held = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(Math.max(1, capacity))
                .expireAfter(new Expiry<Client, Secret>() {
                    @Override
                    public long expireAfterCreate(Client client, Secret secret, long currentTime) {
                        long untilEnd = TimeUnit.MILLISECONDS.toNanos(Math.max(0, secret.ends() - now.getAsLong()));
                        return untilEnd > Long.MAX_VALUE - LINGER.toNanos() ? Long.MAX_VALUE : untilEnd + LINGER.toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(Client client, Secret secret, long currentTime, long currentDuration) {
                        return expireAfterCreate(client, secret, currentTime);
                    }

                    @Override
                    public long expireAfterRead(Client client, Secret secret, long currentTime, long currentDuration) {
                        return Math.max(currentDuration, LINGER.toNanos());
                    }
                })
                // maintenance on the calling thread: no pool thread of the server's for a cache
                .executor(Runnable::run)
                .build();
    }

    /**
     * A successful connect of {@code clientId} with a secret of {@code tokenId}: a previous one (its
     * {@code secretHash}, working until {@code secretEnds}) is remembered; the current one ({@code
     * secretHash} null) forgets the client.
     */
    public void connected(String brokerId, String clientId, String tokenId, String secretHash, long secretEnds) {
        Client client = new Client(brokerId, clientId, tokenId);
        if (secretHash != null) {
            held.put(client, new Secret(secretHash, secretEnds));
        } else if (held.estimatedSize() != 0) {
            held.invalidate(client);
        }
    }

    /**
     * The previous secret this client connected with, or null if it is not remembered (it connected with
     * the current one, or not through this node). Nothing but a size read while no client is remembered.
     */
    public Secret secret(String brokerId, String clientId, String tokenId) {
        if (held.estimatedSize() == 0) {
            return null;
        }
        return held.getIfPresent(new Client(brokerId, clientId, tokenId));
    }

    /**
     * A previous secret a client connected with: its hash (the token cache's key) and when its grace
     * ended as of that connect (a later rotation may end it sooner).
     */
    public record Secret(String hash, long ends) {
    }

    /** The client id may be null (a contract that does not report it): then all such clients of the token share one entry. */
    private record Client(String brokerId, String clientId, String tokenId) {
    }
}
