package io.tollgate.tokens.entity;

import java.util.Locale;

/** A token's {@code status} (spec section 6): suspended wins over expired, expired over valid. */
public enum TokenStatus {
    VALID, EXPIRED, SUSPENDED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a token with these dates at {@code now}. */
    public static TokenStatus of(Long suspendedDate, long validDate, long now) {
        if (suspendedDate != null) {
            return SUSPENDED;
        }
        return validDate <= now ? EXPIRED : VALID;
    }
}
