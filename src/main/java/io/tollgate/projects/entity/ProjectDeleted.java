package io.tollgate.projects.entity;

/**
 * Fired inside the transaction that deletes a project (its tokens, brokers and memberships go with
 * it), just before its rows are deleted, so that an observer in that transaction still sees them;
 * observers that cache anything of the project act once it commits.
 */
public record ProjectDeleted(String projectId) {
}
