package io.tollgate.projects.entity;

/**
 * Fired inside the transaction that deletes a project (its tokens, brokers and memberships go with
 * it); observers that cache anything of the project act once it commits.
 */
public record ProjectDeleted(String projectId) {
}
