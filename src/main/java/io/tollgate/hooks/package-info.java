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
 * connect is remembered per (broker, client id, token) in a bounded node-local memory
 * ({@code control.ClientSecrets}, {@code tollgate.mqtt.remembered-clients}) holding that secret's hash, and the
 * client's checks judge the token as that secret presents it through the token cache: a previous
 * secret's grace end and a rotation after the connect are both seen. Node-local, not cluster-wide (a
 * write per connect, a read per check); EMQX's {@code expire_at} covers every node for a previous
 * secret; elsewhere a check on another node cuts the client off at its next connect (docs/mqtt.md).</li>
 * <li><b>Fail closed where a contract is silent.</b> No client address (go-auth): a token with an
 * allow-list is denied. No QoS or retain flag (go-auth, RabbitMQ): a publish is allowed only if every
 * value would be. EMQX's {@code acl} carries only what EMQX decides exactly as Tollgate does
 * (publishes); subscriptions fall through to the authorization endpoint.</li>
 * </ul>
 */
package io.tollgate.hooks;
