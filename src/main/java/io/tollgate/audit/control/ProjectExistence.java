package io.tollgate.audit.control;

/**
 * Whether a project exists now: implemented by the projects feature, so that audit depends on no
 * feature (the way access asks members through {@code MembershipRoles}).
 */
public interface ProjectExistence {

    boolean exists(String projectId);
}
