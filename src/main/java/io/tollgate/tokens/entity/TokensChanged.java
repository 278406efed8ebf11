package io.tollgate.tokens.entity;

/**
 * Fired inside the transaction that deleted a token; caches drop its lookups once the transaction
 * commits. Other features' deletes arrive as their own events ({@code ProjectDeleted},
 * {@code BrokerDeleted}), observed alongside this one.
 */
public record TokensChanged(String tokenId) {
}
