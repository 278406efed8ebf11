package io.tollgate.tokens.entity;

/**
 * Fired inside a transaction that changed what tokens may do; caches drop what it names once the
 * transaction commits. {@code tokenId} null means any token may be affected.
 */
public record TokensChanged(String tokenId) {

    public static TokensChanged all() {
        return new TokensChanged(null);
    }
}
