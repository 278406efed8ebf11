/**
 * Projects: the unit that owns brokers, tokens and members. Root creates and deletes them; deleting
 * one removes its brokers, tokens (and their broker links) through the database's ON DELETE CASCADE,
 * in one statement, and fires {@code ProjectDeleted} in that transaction (the tokens feature observes
it and drops every cached token lookup once it commits: the event belongs to its publisher, so
projects needs nothing of tokens). Names are unique (a database constraint),
 * compared exactly after trimming.
 * <p>
 * Whatever is inserted under a project (token, broker, membership) first locks the project row with
 * {@code Projects.lock} (SELECT … FOR UPDATE), and the delete takes the same lock before its DELETE:
 * a create racing a delete either commits first and is cascaded, or finds the project gone (404).
 * The foreign keys alone did not ensure that on H2, whose MVCC does not lock a parent row for a
 * foreign-key check: tokens survived their project and kept authenticating.
 */
package io.tollgate.projects;
