package io.tollgate.tokens.boundary;

import io.tollgate.tokens.entity.ProjectToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Writes {@code last_used_date} in its own short transaction; the date never moves backwards. */
@ApplicationScoped
public class TokenUsage {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void touch(String tokenId, long now) {
        em.createNamedQuery(ProjectToken.TOUCH)
                .setParameter("id", tokenId)
                .setParameter("now", now)
                .executeUpdate();
    }
}
