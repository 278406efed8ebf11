/**
 * Project tokens. The secret ({@code tg_} + 30 base62 + 6-char CRC32 checksum) exists only in the
 * create response; the database holds its SHA-256 hex, unique-indexed, which is also the lookup key.
 * The request path ({@code ActiveTokens}) reads through a bounded cache invalidated after commit of
 * any delete (token, broker, project): Caffeine, so that a full cache evicts single entries (by its
 * frequency-and-recency policy) rather than emptying, with an index from token id to hashes so that
 * revoking one token touches only its own entries. It marks {@code last_used_date} (and
 * {@code last_used_ip}) for writing at most once per token per granularity, only for successful (2xx)
 * requests; the usage writer writes it, never moving it backwards, and the token list shows a use
 * this node has not written yet (so the first use of a window is visible at once on that node, within
 * a flush interval on the others).
 * A token's JSON is built in one place, {@code TokenJson} (create and list), not on the entity as the
 * other features do: it holds the one-time secret and a status at the request's clock, neither of
 * which the stored entity may know.
 *
 * <p>{@code ActiveTokens} is the project tokens' {@code access.control.CredentialResolver}: it looks
 * up only well-formed {@code tg_} values (the checksum gate before any query) and answers a minimal
 * {@code Caller} carrying the token's id, by which {@code UsageRecorder} finds the cached record
 * again (no query). Cache invalidation follows {@code TokensChanged} (this feature's token deletes)
 * and the publishers' own {@code ProjectDeleted} and {@code BrokerDeleted}, locally and, in a
 * cluster, through {@code ClusterInvalidation}. Tokens depends on access, projects and brokers;
 * none of them depends on tokens.
 *
 * <p><b>Usage log</b> (spec section 7). {@code UsageRecorder}, a JAX-RS response filter, sees every
 * finished request; one that a token authenticated, or in which a token's secret was recognised and
 * refused ({@code RefusedSecret}), becomes a {@code TokenUse} in {@code UsageWriter}'s bounded buffer
 * ({@code control.UsageBuffer}: drop oldest and count when full; 50 000 entries by default, about
 * 15 MB at worst). No request writes to the database: the writer's task on the container's default
 * {@code ManagedScheduledExecutorService} (Jakarta Concurrency, portable, no EJB timer) writes the
 * buffer once a second as JDBC batches of 1 000 {@code INSERT … SELECT … FROM project_tokens WHERE id = ?}
 * (a use of a token deleted meanwhile inserts nothing instead of failing the batch), with the pending
 * last uses in the same local transaction, and flushes the rest in {@code @PreDestroy}. Rows go with
 * their token by a cascading foreign key (and so with the project). Retention runs every
 * {@code tollgate.usage.cleanup-interval} (10 min): the age cut deletes 5 000 rows at a time, oldest
 * first, through the index on {@code used_at}, each chunk its own statement, so that ten million rows
 * are never scanned or locked at once; the per-token cap ({@code tollgate.usage.keep}, default 10 000,
 * never below the contract's 1 000) is enforced for the tokens this node wrote since the last run, by
 * reading {@code keep} entries of the (token, date) index to find the boundary and deleting below it in
 * chunks. {@code tollgate.usage.enabled=false} switches recording off (for the benchmark only).
 */
package io.tollgate.tokens;
