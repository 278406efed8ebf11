package io.tollgate.storage.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.function.Supplier;

/** Recognises a database integrity violation (SQLSTATE class 23) anywhere in a cause chain. */
public final class Constraints {

    private Constraints() {
    }

    public static boolean isViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    /**
     * Persists {@code entity} and flushes at once, so that a constraint the database enforces (a taken
     * name, a parent row deleted meanwhile) fails here as {@code onViolation}'s exception instead of at
     * commit as a 500. Other failures pass through unchanged.
     */
    public static <T> T persist(EntityManager em, T entity, Supplier<? extends RuntimeException> onViolation) {
        em.persist(entity);
        flush(em, onViolation);
        return entity;
    }

    /**
     * Flushes pending changes; a constraint violation, or an update of a row another transaction
     * deleted meanwhile (Hibernate, WildFly's provider, fails such an update with an
     * {@code OptimisticLockException}; EclipseLink lets it update nothing), becomes
     * {@code onViolation}'s exception instead of a failed commit.
     */
    public static void flush(EntityManager em, Supplier<? extends RuntimeException> onViolation) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (isViolation(e) || e instanceof jakarta.persistence.OptimisticLockException) {
                throw onViolation.get();
            }
            throw e;
        }
    }
}
