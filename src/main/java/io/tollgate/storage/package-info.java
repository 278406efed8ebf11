/**
 * The database: a data source defined by the application from configuration (embedded H2 file by
 * default, PostgreSQL by URL), a schema owned by Flyway migrations applied at startup before JPA is
 * used (Flyway's lock serialises nodes starting together), and a probe telling an outage from a bug.
 */
package io.tollgate.storage;
