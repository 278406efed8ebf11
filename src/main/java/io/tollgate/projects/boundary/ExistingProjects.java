package io.tollgate.projects.boundary;

import io.tollgate.audit.control.ProjectExistence;
import io.tollgate.projects.entity.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Tells the audit trail whether a project exists (audit knows no feature, see its package). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ExistingProjects implements ProjectExistence {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Override
    public boolean exists(String projectId) {
        return em.find(Project.class, projectId) != null;
    }
}
