package io.tollgate.members.boundary;

import io.tollgate.time.Now;
import io.tollgate.access.control.MembershipRoles;
import io.tollgate.access.entity.Role;
import io.tollgate.audit.boundary.AuditTrail;
import io.tollgate.audit.entity.AuditAction;
import io.tollgate.errors.Conflict;
import io.tollgate.errors.NotFound;
import io.tollgate.json.JsonBuilders;
import io.tollgate.members.entity.Membership;
import io.tollgate.projects.boundary.Projects;
import io.tollgate.storage.control.Constraints;
import io.tollgate.users.boundary.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Transaction boundary for memberships. Roles are read from here on every request of a person, so a
 * change takes effect on their next request.
 */
@ApplicationScoped
@Transactional
public class Members implements MembershipRoles {

    @Inject
    Now clock;

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    Projects projects;

    @Inject
    Users users;

    @Inject
    AuditTrail audit;

    /** Adds the user to the project with {@code role}, or changes their role there. */
    public Membership put(String projectId, String username, Role role) {
        projects.lock(projectId);
        if (users.find(username) == null) {
            throw new NotFound("no user named " + username);
        }
        Membership membership = em.find(Membership.class, new Membership.Key(projectId, username));
        if (membership != null && membership.role() == role) {
            return membership; // nothing changes, so nothing is written and no event recorded
        }
        JsonObjectBuilder details = JsonBuilders.object().add("role", role.id());
        if (membership == null) {
            details.addNull("previous_role");
            membership = new Membership(projectId, username, role, clock.millis());
            em.persist(membership);
        } else {
            details.add("previous_role", membership.role().id());
            membership.changeRole(role);
        }
        Constraints.flush(em, () -> new Conflict("username", "the membership changed concurrently; retry"));
        audit.action(AuditAction.MEMBER_PUT).project(projectId).target(username, username).details(details.build())
                .record();
        return membership;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Membership> of(String projectId) {
        projects.require(projectId);
        return em.createNamedQuery(Membership.OF_PROJECT, Membership.class)
                .setParameter("project", projectId)
                .getResultList();
    }

    public void remove(String projectId, String username) {
        int deleted = em.createQuery("DELETE FROM Membership m WHERE m.projectId = :project AND m.username = :username")
                .setParameter("project", projectId)
                .setParameter("username", username)
                .executeUpdate();
        projects.requireDeleted(deleted, projectId, () -> new NotFound(username + " is not a member of this project"));
        audit.action(AuditAction.MEMBER_DELETE).project(projectId).target(username, username).record();
    }

    /** Every membership of the person, ordered by project id (none for a username no user has). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Membership> heldBy(String username) {
        return em.createNamedQuery(Membership.OF_USER, Membership.class)
                .setParameter("username", username)
                .getResultList();
    }

    /** The person's role in the project, or null if they are not a member. */
    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Role roleOf(String username, String projectId) {
        List<Role> roles = em.createNamedQuery(Membership.ROLE, Role.class)
                .setParameter("project", projectId)
                .setParameter("username", username)
                .getResultList();
        return roles.isEmpty() ? null : roles.get(0);
    }
}
