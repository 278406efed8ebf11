package io.tollgate.audit.boundary;

import io.tollgate.audit.entity.AuditEvent;
import io.tollgate.audit.entity.AuditPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Transaction boundary of the audit table: appends, the two newest-first lists, retention deletes. */
@ApplicationScoped
public class AuditEvents {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    /** In the caller's transaction, which must exist: an event never commits without its change. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(AuditEvent event) {
        em.persist(event);
    }

    /** In a transaction of its own, committed when this returns. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void appendAlone(AuditEvent event) {
        em.persist(event);
    }

    /** Every event, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEvent> all(AuditPage page) {
        return em.createNamedQuery(AuditEvent.ALL_BEFORE, AuditEvent.class)
                .setParameter("before", page.before())
                .setMaxResults(page.limit())
                .getResultList();
    }

    /** The project's events, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEvent> ofProject(String projectId, AuditPage page) {
        return em.createNamedQuery(AuditEvent.OF_PROJECT_BEFORE, AuditEvent.class)
                .setParameter("project", projectId)
                .setParameter("before", page.before())
                .setMaxResults(page.limit())
                .getResultList();
    }

    /** Whether any event names the project (a deleted project's trail stays readable). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean anyOf(String projectId) {
        return em.createNamedQuery(AuditEvent.COUNT_OF_PROJECT, Long.class)
                .setParameter("project", projectId)
                .getSingleResult() > 0;
    }

    /**
     * Deletes up to {@code chunk} events older than {@code cutoff} (epoch ms) and commits: short
     * transactions, so that a large backlog never holds locks or undo space for long.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteOlderThan(long cutoff, int chunk) {
        // FETCH FIRST: standard SQL that H2 and PostgreSQL both take in a subquery (JPQL has no LIMIT)
        return em.createNativeQuery("DELETE FROM audit_events WHERE id IN "
                        + "(SELECT id FROM audit_events WHERE at < ? FETCH FIRST " + chunk + " ROWS ONLY)")
                .setParameter(1, cutoff)
                .executeUpdate();
    }
}
