package io.tollgate.usage.entity;

import java.util.Locale;

/**
 * What became of a presented token secret (spec section 7): accepted, or why it was refused.
 * The usage log's chunks store an outcome by its position here ({@code control.UseChunks}): new
 * outcomes go at the end, and none is ever moved or removed ({@code UseChunksTest} pins the order).
 */
public enum UseOutcome {
    /** The credential was accepted; the status tells how the request ended. */
    OK,
    /** Accepted, but the token may not do this (403 by authorization). */
    FORBIDDEN,
    /** Refused: the request came from outside the token's allow-list. */
    IP_NOT_ALLOWED,
    EXPIRED,
    SUSPENDED,
    /** A previous secret past its grace period. */
    ROTATED,
    /**
     * An MQTT connect (spec section 9) that named this token as its username with a password that is
     * none of its working secrets.
     */
    INVALID;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome of this id ({@code "expired"}), or null if there is none. */
    public static UseOutcome of(String id) {
        for (UseOutcome outcome : values()) {
            if (outcome.id().equals(id)) {
                return outcome;
            }
        }
        return null;
    }
}
