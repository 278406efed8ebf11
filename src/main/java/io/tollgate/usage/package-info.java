/**
 * The usage log of project tokens (spec section 7), built on tokens (their ids, their pending last
 * uses); tokens know nothing of it. Decisions:
 * <ul>
 * <li>No request writes: {@code boundary.UsageRecorder} (a response filter) puts every use or refusal
 * of a token's secret into {@code control.UsageBuffer}, bounded (oldest dropped and counted), and the
 * writer's task on the container's managed scheduled executor writes it once a second, with the
 * pending last uses, in one transaction.</li>
 * <li>Stored in chunks ({@code control.UseChunks}): one row per token and write, up to 1 000 uses over at
 * most a minute, encoded; one row per request cost 0.83x of the whoami throughput. A chunk of a token
 * deleted meanwhile inserts nothing ({@code INSERT … SELECT}) and goes with its token by a cascading key.</li>
 * <li>Retention deletes whole chunks: past {@code tollgate.usage.retention}, and beyond each token's
 * newest {@code tollgate.usage.keep} uses (never below the contract's 1 000).</li>
 * <li>Its writer's state is a readiness contribution ({@code health.boundary.ReadinessData}), so
 * health knows no feature.</li>
 * </ul>
 */
package io.tollgate.usage;
