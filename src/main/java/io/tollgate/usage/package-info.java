/**
 * The usage log of project tokens (spec section 7): every request that presented a token's secret,
 * read newest first by {@code UsageResource}. It is built on tokens (their ids, their pending last
 * uses, {@code tokens.boundary.ActiveTokens}); tokens know nothing of it. Its writer contributes its
 * state to readiness through {@code health.boundary.ReadinessData}, so health knows no feature.
 * <p>{@code UsageRecorder}, a JAX-RS response filter, sees every
 * finished request; one that a token authenticated, or in which a token's secret was recognised and
 * refused with 401 (the access kernel leaves the {@code Refusal} on the request; a 403 of the IP
 * allow-list is marked too), becomes a {@code TokenUse} in {@code UsageWriter}'s bounded buffer
 * ({@code control.UsageBuffer}: drop oldest and count when full; 50 000 entries by default, about
 * 15 MB at worst). No request writes to the database: the writer's task on the container's default
 * {@code ManagedScheduledExecutorService} (Jakarta Concurrency, portable, no EJB timer) writes the
 * buffer once a second, with the pending last uses, in one local transaction.
 * <p>The log is stored in <b>chunks</b> ({@code control.UseChunks}): one row per token and write,
 * holding up to 1 000 of its uses spanning at most a minute, encoded (a table of the distinct texts,
 * then a few bytes per use). One row per request made recording cost 0.83x of the whoami throughput on
 * 2 cores (the inserts, their deletion by retention and H2's page writes ran on the request path's
 * cores); a chunk makes a busy token one insert a second per node, and PostgreSQL's write load in a
 * cluster scales with active tokens, not requests. A chunk is inserted by
 * {@code INSERT … SELECT … FROM project_tokens WHERE id = ?} (a token deleted meanwhile inserts nothing
 * instead of failing the batch) and goes with its token by a cascading foreign key. The page reads
 * chunks newest last use first and stops once no older chunk can change it. Retention runs every
 * {@code tollgate.usage.cleanup-interval} (10 min) and deletes whole chunks: those whose last use is past
 * {@code tollgate.usage.retention}, 500 at a time through the index on {@code last_at}, and, for the
 * tokens this node wrote since the last run, those beyond the chunks holding the newest
 * {@code tollgate.usage.keep} uses (default 10 000, never below the contract's 1 000; so up to one
 * chunk more is kept). Databases from before chunks are converted by the Java migration
 * {@code UsageRowsToChunks}. {@code tollgate.usage.enabled=false} switches recording off (for the
 * benchmark only).
 */
package io.tollgate.usage;
