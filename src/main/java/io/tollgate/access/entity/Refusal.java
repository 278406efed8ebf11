package io.tollgate.access.entity;

import java.util.Locale;

/**
 * Why a presented credential was refused (spec section 6, {@code info.reason} of every 401), and the
 * id of the token it matched, if any, for whoever records refused uses. The reasons only ever say
 * what the presenter of the secret may know; {@link Reason#INVALID} covers everything else.
 *
 * @param tokenId the matched token's id, or null when the credential matched none
 */
public record Refusal(Reason reason, String tokenId) implements Resolution {

    private static final Refusal INVALID = new Refusal(Reason.INVALID, null);

    /** In precedence order when several apply: revoked wins over rotated, rotated over suspended, ... */
    public enum Reason {
        REVOKED, ROTATED, SUSPENDED, EXPIRED, INVALID;

        /** The value of {@code info.reason}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Refusal {
        if (reason == null) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
    }

    /** A credential that matches nothing, or is missing or malformed. */
    public static Refusal invalid() {
        return INVALID;
    }

    /** The message of the 401: the reason in words, nothing more about the token. */
    public String message() {
        return switch (reason) {
            case REVOKED -> "this token was revoked";
            case ROTATED -> "this secret was replaced by a rotation and its grace period has ended";
            case SUSPENDED -> "this token is suspended";
            case EXPIRED -> "this token has expired";
            case INVALID -> "invalid credential";
        };
    }
}
