/**
 * Project tokens: create, list, delete ({@code boundary.Tokens}) and the lifecycle of spec section 6
 * ({@code boundary.TokenLifecycle}); docs/lifecycle.md. The usage log of section 7 is its own feature
 * ({@code io.tollgate.usage}), which builds on this one. Decisions:
 * <ul>
 * <li>The secret ({@code tg_} + 30 base62 + a CRC32 checksum) exists only in the create or rotate
 * response; the database holds its SHA-256, which is also the lookup key. The checksum is checked
 * before any query.</li>
 * <li>The request path ({@code ActiveTokens}) reads through a bounded Caffeine cache (single entries
 * evicted, an index from token id to hashes), and never writes: last uses are written by the usage
 * feature's writer, at most once per token per granularity, never backwards.</li>
 * <li>Every change (delete, rotate, suspend, resume, edit, and the publishers' {@code ProjectDeleted},
 * {@code BrokerDeleted}) drops cached lookups after commit, before the answer; on PostgreSQL every node's
 * too, through {@code pg_notify} in the change's transaction and one listening connection per node
 * ({@code ClusterInvalidation}, {@code control.InvalidationListener}). A node unsure it heard
 * everything serves nothing from its cache (docs/cluster.md).</li>
 * <li>A token's JSON is built in one place, {@code TokenJson}: it holds the one-time secret and a
 * status at the request's clock, which the stored entity may not know.</li>
 * <li>A secret that stops being current goes to {@code RetiredSecret} ({@code rotated} with its grace,
 * or {@code revoked}), so a 401 can say why; a rotated secret is cached with its end, so every node
 * refuses it at that instant without a query. Refusal precedence lives in {@code ActiveToken#refusal}.</li>
 * <li>No escalation, on every write: {@code control.IpAllowLists} (a restricted creator's list is
 * inherited and bounds every block), {@code control.CallerLimits} (rotating another token hands over
 * its secret: 403 {@code escalation}), {@code @Allow(writesCredentials = true)} (a previous secret acts
 * on no token).</li>
 * <li>{@code allowed_ips} is one column of canonical blocks, parsed once when the token enters the
 * cache: an empty list costs one {@code isEmpty()} per request.</li>
 * <li>{@code mqtt_rules} (section 9) is one column of compact JSON written and read by
 * {@code io.tollgate.mqtt.entity.MqttRulesJson}; {@code NULL} means the role's default, computed when
 * read. The rules enter {@code ActiveToken} once per cache entry, for the broker checks. No escalation:
 * a token whose rules are not {@code [allow all "#"]} hands out exactly its own
 * ({@code control.MqttRuleLimits}); its rules are read at the boundary on the writes that need them
 * (create, PATCH with rules, rotating another token), not carried in {@code access}'s {@code Caller},
 * which knows no feature.</li>
 * <li>The per-project cap is counted under the project's row lock, so it holds under concurrent
 * creates. The list without {@code limit} is streamed in keyset pages ({@code issue_date}, {@code id}):
 * no token repeats or hides, and no scan of skipped rows.</li>
 * <li>The leak report answers the same whatever matched and stays cheap: bounded body, checksum before
 * hashing, one query, at most two reports per node at the database at a time.</li>
 * </ul>
 */
package io.tollgate.tokens;
