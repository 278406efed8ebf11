/**
 * Projects: the unit that owns brokers, tokens and members. Root creates and deletes them; deleting
 * one removes its brokers, tokens (and their broker links) through the database's ON DELETE CASCADE,
 * in one statement, and fires {@code ProjectDeleted} in that transaction (the tokens feature observes
it and drops every cached token lookup once it commits: the event belongs to its publisher, so
projects needs nothing of tokens). Names are unique (a database constraint),
 * compared exactly after trimming.
 */
package io.tollgate.projects;
