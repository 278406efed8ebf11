/**
 * Project tokens. The secret ({@code tg_} + 30 base62 + 6-char CRC32 checksum) exists only in the
 * create response; the database holds its SHA-256 hex, unique-indexed, which is also the lookup key.
 * The request path ({@code ActiveTokens}) reads through a bounded cache invalidated after commit of
 * any delete (token, broker, project), and writes {@code last_used_date} at most once per token per
 * granularity, only for successful (2xx) requests, never moving it backwards.
 */
package io.tollgate.tokens;
