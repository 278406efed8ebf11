package io.tollgate.tokens.boundary;

import io.tollgate.access.control.CredentialResolver;
import io.tollgate.access.entity.Caller;
import io.tollgate.brokers.entity.BrokerDeleted;
import io.tollgate.projects.entity.ProjectDeleted;
import io.tollgate.tokens.control.TokenCache;
import io.tollgate.tokens.control.TokenSecrets;
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
 * The project tokens' {@link CredentialResolver}: only a well-formed {@code tg_} value is looked up.
 */
@ApplicationScoped
public class ActiveTokens implements CredentialResolver {

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
        return token == null || token.isExpired(now) ? null : token.caller();
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
     * Records a successful use of the token with this id. Its cached entry (read by this request)
     * remembers the last write; in the rare case it was evicted or invalidated meanwhile, the use is
     * written anyway (the update never moves the date backwards).
     */
    public void recordUse(String tokenId, long now) {
        ActiveToken token = cache.byId(tokenId);
        if (token == null) {
            touch(tokenId, now);
        } else {
            recordUse(token, now);
        }
    }

    /** Records a successful use: the first in each window is written before the response leaves. */
    void recordUse(ActiveToken token, long now) {
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

    private void touch(String tokenId, long now) {
        try {
            usage.touch(tokenId, now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the use of token id {0}: {1}", new Object[] {tokenId, e.toString()});
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
