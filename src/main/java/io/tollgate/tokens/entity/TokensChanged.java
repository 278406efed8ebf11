package io.tollgate.tokens.entity;

/**
 * Fired inside the transaction that deleted or edited a token (name, {@code allowed_ips}); caches
 * drop its lookups once the transaction commits, on every node. Other features' deletes arrive as their own events ({@code ProjectDeleted},
 * {@code BrokerDeleted}), observed alongside this one.
 */
public record TokensChanged(String tokenId) {
}
