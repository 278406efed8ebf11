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
 * client id, token id) to the end of that grace (epoch ms). A publish or subscribe check names only the
 * token, which its current secret presents; this memory tells that the client behind it holds a secret
 * that stops working, so that its checks are refused once the grace is over. Node-local and bounded
 * (least useful evicted when full). An entry lives until {@link #LINGER} after its grace ends, and each
 * check that finds it after that keeps it another {@link #LINGER}: a client that stays connected and
 * keeps asking stays refused. Maintenance runs on the calling thread, as in {@link KeyCache}.
 */
public final class GraceClients {

    /** How long an ended entry is kept after the grace or after the last check that found it. */
    static final Duration LINGER = Duration.ofDays(1);

    private final Cache<Client, Long> ends;

    /** @param now the server's clock (epoch ms), against which each entry's remaining life is measured */
    public GraceClients(int capacity, LongSupplier now) {
        this(capacity, now, Ticker.systemTicker());
    }

    /** With the ticker that measures the entries' lives (tests). */
    GraceClients(int capacity, LongSupplier now, Ticker ticker) {
        this.ends = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(Math.max(1, capacity))
                .expireAfter(new Expiry<Client, Long>() {
                    @Override
                    public long expireAfterCreate(Client client, Long secretEnds, long currentTime) {
                        long untilEnd = TimeUnit.MILLISECONDS.toNanos(Math.max(0, secretEnds - now.getAsLong()));
                        return untilEnd > Long.MAX_VALUE - LINGER.toNanos() ? Long.MAX_VALUE : untilEnd + LINGER.toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(Client client, Long secretEnds, long currentTime, long currentDuration) {
                        return expireAfterCreate(client, secretEnds, currentTime);
                    }

                    @Override
                    public long expireAfterRead(Client client, Long secretEnds, long currentTime, long currentDuration) {
                        return Math.max(currentDuration, LINGER.toNanos());
                    }
                })
                // maintenance on the calling thread: no pool thread of the server's for a cache
                .executor(Runnable::run)
                .build();
    }

    /**
     * A successful connect of {@code clientId} with a secret of {@code tokenId} that works until
     * {@code secretEnds} (a previous secret), or with the current secret ({@code null}: forgotten).
     */
    public void connected(String brokerId, String clientId, String tokenId, Long secretEnds) {
        Client client = new Client(brokerId, clientId, tokenId);
        if (secretEnds != null) {
            ends.put(client, secretEnds);
        } else if (ends.estimatedSize() != 0) {
            ends.invalidate(client);
        }
    }

    /**
     * When the secret this client connected with stops working, if it connected with a previous one;
     * else null. Nothing but a size read while no client is remembered.
     */
    public Long secretEnds(String brokerId, String clientId, String tokenId) {
        if (ends.estimatedSize() == 0) {
            return null;
        }
        return ends.getIfPresent(new Client(brokerId, clientId, tokenId));
    }

    /** The client id may be null (a contract that does not report it): then all such clients of the token share one entry. */
    private record Client(String brokerId, String clientId, String tokenId) {
    }
}
