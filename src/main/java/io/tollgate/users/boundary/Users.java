package io.tollgate.users.boundary;

import io.tollgate.time.Now;
import io.tollgate.audit.boundary.AuditTrail;
import io.tollgate.audit.entity.AuditAction;
import io.tollgate.errors.Conflict;
import io.tollgate.errors.NotFound;
import io.tollgate.storage.control.Constraints;
import io.tollgate.users.control.Passwords;
import io.tollgate.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Transaction boundary for users. Deleting one removes their memberships (ON DELETE CASCADE). */
@ApplicationScoped
@Transactional
public class Users {

    @Inject
    Now clock;

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    Passwords passwords;

    @Inject
    AuditTrail audit;

    public User create(String username, String password) {
        if (em.find(User.class, username) != null) {
            throw taken(username);
        }
        User user = new User(username, passwords.hash(password), clock.millis());
        Constraints.persist(em, user, () -> taken(username));
        audit.action(AuditAction.USER_CREATE).target(username, username).record();
        return user;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<User> all() {
        return em.createNamedQuery(User.ALL, User.class).getResultList();
    }

    /** The user, or null. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public User find(String username) {
        return em.find(User.class, username);
    }

    /** Whether the user exists and is the one created at {@code createdDate} (not a later namesake). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isCurrent(String username, long createdDate) {
        User user = em.find(User.class, username);
        return user != null && user.createdDate() == createdDate;
    }

    public void delete(String username) {
        int deleted = em.createQuery("DELETE FROM User u WHERE u.username = :username")
                .setParameter("username", username)
                .executeUpdate();
        if (deleted == 0) {
            throw new NotFound("no user named " + username);
        }
        audit.action(AuditAction.USER_DELETE).target(username, username).record();
    }

    private static Conflict taken(String username) {
        return new Conflict("username", "a user named '" + username + "' already exists");
    }
}
