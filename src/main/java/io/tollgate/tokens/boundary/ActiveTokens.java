package io.tollgate.tokens.boundary;

import io.tollgate.access.control.CredentialResolver;
import io.tollgate.access.entity.Caller;
import io.tollgate.brokers.entity.BrokerDeleted;
import io.tollgate.projects.entity.ProjectDeleted;
import io.tollgate.tokens.control.LastUses;
import io.tollgate.tokens.control.TokenCache;
import io.tollgate.tokens.control.TokenSecrets;
import io.tollgate.tokens.entity.ActiveToken;
import io.tollgate.tokens.entity.ProjectToken;
import io.tollgate.tokens.entity.TokensChanged;
import io.tollgate.tokens.entity.UseOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
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
 */
@ApplicationScoped
public class ActiveTokens implements CredentialResolver {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    RefusedSecret refused;

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
    public Caller resolve(String credential, String hash, long now) {
        if (!TokenSecrets.isWellFormed(credential)) {
            return null;
        }
        ActiveToken token = byHash(hash);
        if (token != null && token.isExpired(now)) {
            refuse(token.id(), UseOutcome.EXPIRED);
            return null;
        }
        return token == null ? null : token.caller();
    }

    /** Tells the usage log which token was refused, when there is a request to tell it about. */
    private void refuse(String tokenId, UseOutcome outcome) {
        try {
            refused.refuse(tokenId, outcome);
        } catch (ContextNotActiveException e) {
            // resolved outside an HTTP request: nothing to log
        }
    }

    /** The token with this hash, or null if there is none (expiry is the caller's check). */
    public ActiveToken byHash(String hash) {
        ActiveToken cached = cache.get(hash);
        if (cached != null) {
            return cached;
        }
        long readAt = cache.generation();
        List<ProjectToken> found = em.createNamedQuery(ProjectToken.BY_HASH, ProjectToken.class)
                .setParameter("hash", hash)
                .getResultList();
        if (found.isEmpty()) {
            return null;
        }
        ActiveToken token = ActiveToken.of(found.get(0));
        cache.put(hash, token, readAt);
        return token;
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

    /** Drops one token's cached lookup, or every one when {@code tokenId} is null. */
    public void invalidate(String tokenId) {
        if (tokenId == null) {
            cache.invalidateAll();
        } else {
            cache.invalidate(tokenId);
        }
    }
}
