/**
 * Project tokens. The secret ({@code tg_} + 30 base62 + 6-char CRC32 checksum) exists only in the
 * create response; the database holds its SHA-256 hex, unique-indexed, which is also the lookup key.
 * The request path ({@code ActiveTokens}) reads through a bounded cache invalidated after commit of
 * any delete (token, broker, project): Caffeine, so that a full cache evicts single entries (by its
 * frequency-and-recency policy) rather than emptying, with an index from token id to hashes so that
 * revoking one token touches only its own entries. It writes {@code last_used_date} at most once per token per
 * granularity, only for successful (2xx) requests, never moving it backwards.
 * A token's JSON is built in one place, {@code TokenJson} (create and list), not on the entity as the
 * other features do: it holds the one-time secret and a status at the request's clock, neither of
 * which the stored entity may know.
 *
 * <p>{@code ActiveTokens} is the project tokens' {@code access.control.CredentialResolver}: it looks
 * up only well-formed {@code tg_} values (the checksum gate before any query) and answers a minimal
 * {@code Caller} carrying the token's id, by which {@code TokenUseRecorder} finds the cached record
 * again (no query). Cache invalidation follows {@code TokensChanged} (this feature's token deletes)
 * and the publishers' own {@code ProjectDeleted} and {@code BrokerDeleted}, locally and, in a
 * cluster, through {@code ClusterInvalidation}. Tokens depends on access, projects and brokers;
 * none of them depends on tokens.
 */
package io.tollgate.tokens;
