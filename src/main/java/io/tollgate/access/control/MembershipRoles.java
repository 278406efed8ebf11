package io.tollgate.access.control;

import io.tollgate.access.entity.Role;

/** A person's role in a project, by membership: implemented by the members feature, so access needs none of it. */
public interface MembershipRoles {

    /** The role, or null if the person is not a member of the project. */
    Role roleOf(String username, String projectId);
}
