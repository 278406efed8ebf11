/**
 * The database: a data source defined by the application from configuration (embedded H2 file by
 * default, PostgreSQL by URL), a schema owned by Flyway migrations applied at startup before JPA is
 * used (Flyway's lock serialises nodes starting together), and a probe telling an outage from a bug.
 * Boundaries persist through {@code Constraints.persist}: it flushes at once, so that a constraint the
 * database enforces fails as the caller's domain exception (a taken name, a parent deleted meanwhile).
 */
package io.tollgate.storage;
