package io.tollgate.tokens.entity;

/**
 * Fired inside a transaction of this feature that changed what tokens may do (a token deleted);
 * caches drop what it names once the transaction commits. {@code tokenId} null means any token may
 * be affected. Other features' deletes arrive as their own events ({@code ProjectDeleted},
 * {@code BrokerDeleted}), observed alongside this one.
 */
public record TokensChanged(String tokenId) {

    public static TokensChanged all() {
        return new TokensChanged(null);
    }
}
