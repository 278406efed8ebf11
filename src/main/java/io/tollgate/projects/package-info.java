/**
 * Projects: the unit that owns brokers, tokens and members. Root creates and deletes them; deleting
 * one removes its brokers, tokens (and their broker links) through the database's ON DELETE CASCADE,
 * in one statement, then drops every cached token lookup. Names are unique (a database constraint),
 * compared exactly after trimming.
 */
package io.tollgate.projects;
