package io.tollgate.tokens.entity;

/**
 * Fired inside the transaction that deleted or edited a token (name, {@code allowed_ips}), or changed
 * which of its secrets an MQTT client holds (the brokers' hooks, {@code mqtt_clients}); caches drop its
 * lookups, and what follows them, once the transaction commits, on every node. Other features' deletes arrive as their own events ({@code ProjectDeleted},
 * {@code BrokerDeleted}), observed alongside this one.
 */
public record TokensChanged(String tokenId) {
}
