package io.tollgate.hooks.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Which secret each MQTT client connected with: (broker, client id, token id) to that secret's hash and
 * its end as of the connect (epoch ms; {@link Long#MAX_VALUE} for the current secret). A publish or
 * subscribe check names only the token; this memory tells which secret the client behind it holds, so
 * that the check judges the token as that secret presents it now: refused once a previous secret's grace
 * is over, and once a rotation after the connect has ended the secret the client holds. Node-local and
 * bounded (least useful evicted when full; a forgotten client is judged by the token's current secret
 * until its next connect). An ended entry lives until {@link #LINGER} after its end, and each check that
 * finds it after that keeps it another {@link #LINGER}: a client that stays connected and keeps asking
 * stays refused. Maintenance runs on the calling thread, as in {@link KeyCache}.
 */
public final class ClientSecrets {

    /** How long an ended entry is kept after the grace or after the last check that found it. */
    static final Duration LINGER = Duration.ofDays(1);

    private final Cache<Client, Secret> held;

    /** @param now the server's clock (epoch ms), against which each entry's remaining life is measured */
    public ClientSecrets(int capacity, LongSupplier now) {
        this(capacity, now, Ticker.systemTicker());
    }

    /** With the ticker that measures the entries' lives (tests). */
    ClientSecrets(int capacity, LongSupplier now, Ticker ticker) {
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
     * A successful connect of {@code clientId} with the secret of {@code tokenId} whose hash is {@code
     * secretHash}: a previous one works until {@code secretEnds}, the current one until a rotation ends it
     * ({@code secretEnds} {@link Long#MAX_VALUE}). Either is remembered, so that a later rotation's end
     * reaches the client's next check too.
     */
    public void connected(String brokerId, String clientId, String tokenId, String secretHash, long secretEnds) {
        held.put(new Client(brokerId, clientId, tokenId), new Secret(secretHash, secretEnds));
    }

    /**
     * The secret this client connected with, or null if it is not remembered (it connected through
     * another node, or was forgotten to keep the memory bounded).
     */
    public Secret secret(String brokerId, String clientId, String tokenId) {
        return held.getIfPresent(new Client(brokerId, clientId, tokenId));
    }

    /**
     * The secret a client connected with: its hash (the token cache's key) and when it ended as of that
     * connect ({@link Long#MAX_VALUE} for a current secret; a later rotation may end it sooner).
     */
    public record Secret(String hash, long ends) {
    }

    /** The client id may be null (a contract that does not report it): then all such clients of the token share one entry. */
    private record Client(String brokerId, String clientId, String tokenId) {
    }
}
