package io.tollgate.projects.boundary;

import io.tollgate.time.Now;
import io.tollgate.access.entity.Caller;
import io.tollgate.audit.boundary.AuditTrail;
import io.tollgate.audit.entity.AuditAction;
import io.tollgate.errors.Conflict;
import io.tollgate.errors.NotFound;
import io.tollgate.projects.entity.Project;
import io.tollgate.projects.entity.ProjectDeleted;
import io.tollgate.storage.control.Constraints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Transaction boundary for projects. Deleting one takes its brokers, tokens and members with it. */
@ApplicationScoped
@Transactional
public class Projects {

    @Inject
    Now clock;

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    Event<ProjectDeleted> projectDeleted;

    @Inject
    AuditTrail audit;

    public Project create(String name) {
        if (em.createNamedQuery(Project.BY_NAME, Long.class).setParameter("name", name).getSingleResult() > 0) {
            throw taken(name);
        }
        Project project = Constraints.persist(em, new Project(name, clock.millis()), () -> taken(name));
        audit.action(AuditAction.PROJECT_CREATE).project(project.id()).target(project.id(), project.name()).record();
        return project;
    }

    /** The projects a caller may see: all for root, its own for a token, a person's memberships. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Project> visibleTo(Caller caller) {
        return switch (caller.kind()) {
            case ROOT -> em.createNamedQuery(Project.ALL, Project.class).getResultList();
            case TOKEN -> Optional.ofNullable(em.find(Project.class, caller.projectId()))
                    .map(List::of).orElse(List.of());
            case USER -> em.createNamedQuery(Project.OF_MEMBER, Project.class)
                    .setParameter("username", caller.name())
                    .getResultList();
        };
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Project require(String projectId) {
        Project project = em.find(Project.class, projectId);
        if (project == null) {
            throw new NotFound("no project with id " + projectId);
        }
        return project;
    }

    /**
     * Locks the project row until the caller's transaction ends, or answers 404 when it is gone.
     * Everything inserted under a project calls this first: the project delete takes the same row
     * lock, so a create either commits before the delete (which then cascades it) or sees the
     * project gone. A foreign key alone does not do that on H2, which does not lock the parent row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String projectId) {
        if (em.find(Project.class, projectId, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw new NotFound("no project with id " + projectId);
        }
    }

    /**
     * Checks the row count of a delete of one of the project's things: nothing deleted means a 404 for
     * the project if it is gone, else {@code missing} (the thing is not in it).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void requireDeleted(int deleted, String projectId, Supplier<NotFound> missing) {
        if (deleted == 0) {
            require(projectId);
            throw missing.get();
        }
    }

    public void delete(String projectId) {
        // the row lock first: the delete then runs after every create that held it has committed, so
        // its cascade sees their rows (on H2 a statement started before they committed would not)
        lock(projectId);
        String name = em.find(Project.class, projectId).name();
        // fired before the rows go (observers that cache act after commit): the tokens feature must
        // still read the hashes of the project's tokens to remember them as revoked
        projectDeleted.fire(new ProjectDeleted(projectId));
        em.createQuery("DELETE FROM Project p WHERE p.id = :id")
                .setParameter("id", projectId)
                .executeUpdate();
        audit.action(AuditAction.PROJECT_DELETE).project(projectId).target(projectId, name).record();
    }

    private static Conflict taken(String name) {
        return new Conflict("name", "a project named '" + name + "' already exists");
    }
}
