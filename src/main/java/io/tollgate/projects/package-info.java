/**
 * Projects: the unit that owns brokers, tokens and members. Decisions:
 * <ul>
 * <li>A delete removes everything under the project by ON DELETE CASCADE in one statement and fires
 * {@code ProjectDeleted} (the event belongs to its publisher; {@code tokens} observes it).</li>
 * <li>Whatever is inserted under a project first locks the project row ({@code Projects.lock}), and the
 * delete takes the same lock: H2's MVCC does not lock a parent for a foreign-key check, and tokens
 * once survived their project.</li>
 * <li>Names are unique (a database constraint), compared exactly after trimming.</li>
 * </ul>
 */
package io.tollgate.projects;
