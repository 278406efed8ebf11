/**
 * The database. Decisions:
 * <ul>
 * <li>The application defines its data source from configuration: embedded H2 in a file by default,
 * PostgreSQL by URL.</li>
 * <li>Flyway owns the schema and migrates at start, before JPA is used; its lock serialises nodes.</li>
 * <li>An outage fails fast: no EclipseLink retries, a probe turns the failure into a 503
 * (docs/configuration.md). The server's own pool validates connections and replaces dead ones, no
 * JDBC proxy of ours: on WildFly, whose pool of a data source the application defines cannot validate,
 * that pool is in WildFly's configuration ({@code Database}, docs/runtimes.md).</li>
 * <li>{@code Constraints.persist} flushes at once, so a database constraint fails as the caller's
 * domain exception.</li>
 * <li>A commit is on disk before it returns, on H2 too ({@code DurableCommits}).</li>
 * </ul>
 */
package io.tollgate.storage;
