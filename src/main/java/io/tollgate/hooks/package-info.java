/**
 * Brokers check tokens (spec section 9): broker hook keys and the MQTT brokers' own auth-hook contracts
 * under {@code /mqtt/{hookKey}/…}, all asking one access decision. Depends on tokens, brokers, mqtt,
 * usage, metrics and the shared kernel; no feature depends on it. Decisions:
 * <ul>
 * <li><b>One decision, thin adapters.</b> {@code control.AccessRules} decides (pure, at a given
 * instant) and {@code control.BrokerAccess} looks tokens up (by the password's hash at a connect, by
 * id, the MQTT username, at every other check, both through the token cache, so every invalidation of
 * a token reaches the brokers' next check), records connect attempts in the token's usage log and
 * counts checks in {@code tollgate_mqtt_checks{contract,action,outcome}}. A {@code boundary.Contract}
 * per broker only reads the broker's fields (strictly typed, {@code boundary.HookBody}) and words the
 * answer.</li>
 * <li><b>A fifth broker</b> is one class: a CDI bean implementing {@code Contract} (its name, its
 * endpoints, JSON or form, and its answers from {@code BrokerAccess}'s verdicts). The servlet serves it
 * and the hook-key answer lists its URLs with no other change; add its configuration to docs/mqtt.md.</li>
 * <li><b>The key is the credential, in the path</b> (EMQX and RabbitMQ cannot send a header): random,
 * stored as a SHA-256 hash on the broker's row, resolved before anything else (unknown: the same 404
 * everywhere under it; more than 30 wrong ones a minute from one address: 429). It never reaches a
 * log line, a metric tag or the usage log, whose path names the broker id instead.</li>
 * <li><b>Key cache without a channel of its own.</b> It follows the token cache: it serves only while
 * that cache is trusted and has not been emptied whole since an entry was read. A key replacement
 * empties the token cache whole (on every node, by the existing notification for everything), as a
 * broker's or project's deletion already does: rare changes, each costing one re-read per token.</li>
 * <li><b>Which secret a client holds.</b> Topic checks name the token, not the secret; every allowed
 * connect is recorded per (broker, client id, token) with that secret's hash in the database
 * ({@code mqtt_clients}, {@code boundary.ClientRows}), the truth every node shares, and the client's
 * checks judge the token as that secret presents it through the token cache: a previous secret's grace
 * end and a rotation after the connect are both seen, on whichever node the check reaches. Each node
 * caches the rows ({@code control.ClientSecrets}, bounded by {@code tollgate.mqtt.remembered-clients},
 * absent rows too) and follows the token cache's invalidations, so a check whose client is cached reads
 * nothing, and a connect its node already knows writes nothing. A write that may leave another node's
 * entry stale (another secret, or a new row on a previous secret) fires {@code TokensChanged}: the
 * existing cluster notification, no channel of its own. At most {@code tollgate.mqtt.clients-per-token}
 * rows per token (the oldest dropped: such a client is judged by the current secret until it connects
 * again).</li>
 * <li><b>Fail closed where a contract is silent.</b> No client address (go-auth): a token with an
 * allow-list is denied. No QoS or retain flag (go-auth, RabbitMQ): a publish is allowed only if every
 * value would be. EMQX's {@code acl} carries only what EMQX decides exactly as Tollgate does
 * (publishes); subscriptions fall through to the authorization endpoint.</li>
 * </ul>
 */
package io.tollgate.hooks;
