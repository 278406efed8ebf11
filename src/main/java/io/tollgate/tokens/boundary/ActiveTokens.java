package io.tollgate.tokens.boundary;

import io.tollgate.access.control.CredentialResolver;
import io.tollgate.access.entity.Refusal;
import io.tollgate.access.entity.Resolution;
import io.tollgate.brokers.entity.BrokerDeleted;
import io.tollgate.brokers.entity.BrokerHookKeyReplaced;
import io.tollgate.projects.entity.ProjectDeleted;
import io.tollgate.tokens.control.LastUses;
import io.tollgate.tokens.control.TokenCache;
import io.tollgate.tokens.control.TokenSecrets;
import io.tollgate.tokens.entity.ActiveToken;
import io.tollgate.tokens.entity.ProjectToken;
import io.tollgate.tokens.entity.RetiredSecret;
import io.tollgate.tokens.entity.TokensChanged;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request path's view of tokens: lookup by hash through a bounded cache (one indexed query on a
 * miss, none on a hit), and {@code last_used_date} marked for the usage writer at most once per token
 * per granularity.
 * The project tokens' {@link CredentialResolver}: only a well-formed {@code tg_} value is looked up.
 * A secret that is no token's current one is looked up once more among the retired secrets, which
 * say whether it was rotated out (and until when its grace lasts) or belonged to a deleted token:
 * the reason of the 401. Whatever refusal a cached entry leads to (suspended, expired, a grace that
 * ended) is decided from the entry alone, at the request's clock.
 * A change drops the cached lookups it affects after its commit, before the request that made it
 * answers; on the other nodes of a cluster, {@link ClusterInvalidation} does.
 */
@ApplicationScoped
public class ActiveTokens implements CredentialResolver {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "tollgate.tokens.cache-size", defaultValue = "10000")
    int cacheSize;

    @Inject
    @ConfigProperty(name = "tollgate.tokens.last-used-granularity", defaultValue = "PT60S")
    Duration granularity;

    private TokenCache cache;

    private final LastUses lastUses = new LastUses();

    @PostConstruct
    void init() {
        cache = new TokenCache(cacheSize);
    }

    @Override
    public int priority() {
        return PROJECT_TOKENS;
    }

    @Override
    public Resolution resolve(String credential, String hash, long now) {
        if (!TokenSecrets.isWellFormed(credential)) {
            return null;
        }
        Found found = find(hash);
        if (found.token() == null) {
            return found.refusal();
        }
        Refusal.Reason reason = found.token().refusal(now);
        return reason == null ? found.token().caller() : new Refusal(reason, found.token().id());
    }

    /**
     * The token a secret with this hash belongs to, current or replaced by a rotation (its entry then
     * carries the end of its grace), or null if there is none (expiry and grace are the caller's check).
     */
    public ActiveToken byHash(String hash) {
        return find(hash).token();
    }

    /**
     * The token with this id as its current secret presents it (no secret involved: the MQTT brokers'
     * publish and subscribe checks name a token by id), or null if there is none. Cached in the same
     * {@link TokenCache}, under a key no hash can take, so that every invalidation of the token (its
     * deletion, suspension, rotation or edit, its project's or a broker's deletion, a cluster
     * notification) drops it too; a miss is one query by primary key.
     */
    public ActiveToken byId(String tokenId) {
        String key = ID_KEY + tokenId;
        ActiveToken cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        long readAt = cache.generation();
        ProjectToken found = em.find(ProjectToken.class, tokenId);
        if (found == null) {
            return null;
        }
        ActiveToken token = ActiveToken.of(found);
        cache.put(key, token, readAt);
        return token;
    }

    /** Prefixes the id of a by-id entry: never the start of a hash (lower-case hex). */
    private static final String ID_KEY = "id:";

    /** What a lookup found: a token, or why there is none to act as. */
    private record Found(ActiveToken token, Refusal refusal) {
    }

    private Found find(String hash) {
        ActiveToken cached = cache.get(hash);
        if (cached != null) {
            return new Found(cached, null);
        }
        long readAt = cache.generation();
        List<ProjectToken> current = em.createNamedQuery(ProjectToken.BY_HASH, ProjectToken.class)
                .setParameter("hash", hash)
                .getResultList();
        ActiveToken token;
        if (current.isEmpty()) {
            RetiredSecret retired = em.find(RetiredSecret.class, hash);
            if (retired == null) {
                return new Found(null, Refusal.invalid());
            }
            ProjectToken owner = retired.isRevoked() ? null : em.find(ProjectToken.class, retired.tokenId());
            if (owner == null) {
                return new Found(null, new Refusal(Refusal.Reason.REVOKED, retired.tokenId()));
            }
            token = ActiveToken.of(owner, retired.endedDate());
        } else {
            token = ActiveToken.of(current.get(0));
        }
        cache.put(hash, token, readAt);
        return new Found(token, null);
    }

    /**
     * Records a successful use of the token with this id from client address {@code ip}: the first use
     * in each window (per token, {@code tollgate.tokens.last-used-granularity}) becomes pending for the
     * usage writer, which writes it within its flush interval; no database write on the request path.
     * The cached entry (read by this request) remembers the window; if it was evicted or invalidated
     * meanwhile, the use is pending anyway (pending uses are coalesced per token, so at most one write
     * per token per flush).
     */
    public void recordUse(String tokenId, long now, String ip) {
        ActiveToken token = cache.byId(tokenId);
        if (token != null) {
            long last = token.lastUsedWritten().get();
            if (last != ActiveToken.NEVER && now - last < granularity.toMillis()) {
                return;
            }
            if (!token.lastUsedWritten().compareAndSet(last, now)) {
                return;
            }
        }
        lastUses.offer(tokenId, now, ip);
    }

    /** The successful uses waiting to be written (the usage writer's input). */
    public LastUses lastUses() {
        return lastUses;
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) TokensChanged change) {
        invalidate(change.tokenId());
    }

    /** A project's tokens went with it. */
    void onProjectDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProjectDeleted deleted) {
        invalidate(null);
    }

    /** Tokens that listed the broker lost it: every cached token may be affected. */
    void onBrokerDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) BrokerDeleted deleted) {
        invalidate(null);
    }

    /** The lookups a broker's hook key may name went with the old key (the hook key cache follows {@link TokenCache#clearings()}). */
    void onHookKeyReplaced(@Observes(during = TransactionPhase.AFTER_SUCCESS) BrokerHookKeyReplaced replaced) {
        invalidate(null);
    }

    /** The cache of lookups, whose trust {@link ClusterInvalidation}'s listener manages in a cluster. */
    public TokenCache cache() {
        return cache;
    }

    /** Drops one token's cached lookup, or every one when {@code tokenId} is null. */
    private void invalidate(String tokenId) {
        if (tokenId == null) {
            cache.invalidateAll();
        } else {
            cache.invalidate(tokenId);
        }
    }
}
