package io.tollgate.hooks.entity;

import java.util.Locale;

/**
 * Why a broker is told no (spec section 9): the connect reasons, which say no more than the API's 401
 * reasons and 403s, and {@link #TOPIC_NOT_ALLOWED} for a publish or subscribe outside the token's rules.
 */
public enum Denial {
    INVALID, EXPIRED, SUSPENDED, ROTATED, REVOKED, BROKER_NOT_ALLOWED, IP_NOT_ALLOWED, TOPIC_NOT_ALLOWED;

    /** The reason as the brokers' answers carry it ({@code broker_not_allowed}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
