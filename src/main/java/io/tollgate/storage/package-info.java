/**
 * The database: a data source defined by the application from configuration (embedded H2 file by
 * default, PostgreSQL by URL), a schema owned by Flyway migrations applied at startup before JPA is
 * used (Flyway's lock serialises nodes starting together), and a probe telling an outage from a bug.
 * An outage fails fast: EclipseLink does not retry (it waited 3 × 5 s per request), the pool
 * validates its connections and reconnects by itself, and the probe turns the failure into a 503.
 * Boundaries persist through {@code Constraints.persist}: it flushes at once, so that a constraint the
 * database enforces fails as the caller's domain exception (a taken name, a parent deleted meanwhile).
 * A commit is on disk before it returns, on H2 too ({@code DurableCommits}: no write delay, and a
 * forced sync after each commit that changed something), so that an answered change survives a crash.
 */
package io.tollgate.storage;
