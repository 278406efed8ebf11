package io.tollgate.tokens.boundary;

import io.tollgate.brokers.entity.BrokerDeleted;
import io.tollgate.projects.entity.ProjectDeleted;
import io.tollgate.tokens.control.TokenCache;
import io.tollgate.tokens.entity.ActiveToken;
import io.tollgate.tokens.entity.ProjectToken;
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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request path's view of tokens: lookup by hash through a bounded cache (one indexed query on a
 * miss, none on a hit), and {@code last_used_date} written at most once per token per granularity.
 */
@ApplicationScoped
public class ActiveTokens {

    private static final Logger LOG = Logger.getLogger(ActiveTokens.class.getName());

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    TokenUsage usage;

    @Inject
    @ConfigProperty(name = "tollgate.tokens.cache-size", defaultValue = "10000")
    int cacheSize;

    @Inject
    @ConfigProperty(name = "tollgate.tokens.last-used-granularity", defaultValue = "PT60S")
    Duration granularity;

    private TokenCache cache;

    @PostConstruct
    void init() {
        cache = new TokenCache(cacheSize);
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

    /** Records a successful use: the first in each window is written before the response leaves. */
    public void recordUse(ActiveToken token, long now) {
        long last = token.lastUsedWritten().get();
        if (last != ActiveToken.NEVER && now - last < granularity.toMillis()) {
            return;
        }
        if (!token.lastUsedWritten().compareAndSet(last, now)) {
            return;
        }
        try {
            usage.touch(token.id(), now);
        } catch (RuntimeException e) {
            token.lastUsedWritten().compareAndSet(now, last);
            LOG.log(Level.WARNING, "Could not record the use of token id {0}: {1}",
                    new Object[] {token.id(), e.toString()});
        }
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
