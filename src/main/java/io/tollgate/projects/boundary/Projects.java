package io.tollgate.projects.boundary;

import io.tollgate.access.entity.Caller;
import io.tollgate.problems.entity.ApiException;
import io.tollgate.projects.entity.Project;
import io.tollgate.projects.entity.ProjectDeleted;
import io.tollgate.storage.control.Constraints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Transaction boundary for projects. Deleting one takes its brokers, tokens and members with it. */
@ApplicationScoped
@Transactional
public class Projects {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    Event<ProjectDeleted> projectDeleted;

    public Project create(String name) {
        if (em.createNamedQuery(Project.BY_NAME, Long.class).setParameter("name", name).getSingleResult() > 0) {
            throw taken(name);
        }
        Project project = new Project(name, System.currentTimeMillis());
        try {
            em.persist(project);
            em.flush();
        } catch (PersistenceException e) {
            if (Constraints.isViolation(e)) {
                throw taken(name);
            }
            throw e;
        }
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
            throw ApiException.notFound("no project with id " + projectId);
        }
        return project;
    }

    public void delete(String projectId) {
        int deleted = em.createQuery("DELETE FROM Project p WHERE p.id = :id")
                .setParameter("id", projectId)
                .executeUpdate();
        if (deleted == 0) {
            throw ApiException.notFound("no project with id " + projectId);
        }
        projectDeleted.fire(new ProjectDeleted(projectId));
    }

    private static ApiException taken(String name) {
        return ApiException.conflict("name", "a project named '" + name + "' already exists");
    }
}
