package io.tollgate.access.control;

import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A caller's role in a project: root everywhere, a token in its own project, a person by their
 * membership, read on every request so that changes apply at once.
 */
@ApplicationScoped
public class ProjectRoles {

    @Inject
    MembershipRoles members;

    /** The role, or null if the caller has none in that project. */
    public Role of(Caller caller, String projectId) {
        return switch (caller.kind()) {
            case ROOT -> Role.ROOT;
            case TOKEN -> caller.projectId().equals(projectId) ? caller.role() : null;
            case USER -> members.roleOf(caller.name(), projectId);
        };
    }
}
