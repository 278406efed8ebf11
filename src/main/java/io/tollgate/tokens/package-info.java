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
 */
package io.tollgate.tokens;
