package io.tollgate.hooks.entity;

import io.tollgate.tokens.entity.ActiveToken;

/**
 * The one access decision's answer to a broker's check.
 *
 * @param denial why not, or null when allowed
 * @param token  the token the check concerns, when the username named one of the broker's project
 *               (also for most denials: its usage log records connects), else null
 */
public record Verdict(Denial denial, ActiveToken token) {

    public static Verdict allow(ActiveToken token) {
        return new Verdict(null, token);
    }

    public static Verdict deny(Denial denial, ActiveToken token) {
        return new Verdict(denial, token);
    }

    public boolean allowed() {
        return denial == null;
    }

    /**
     * When the presented secret stops working (epoch ms): the token's {@code valid_date}, or for a
     * previous secret the end of its grace, whichever comes first. Only for an allowed connect.
     */
    public long secretEnds() {
        Long graceEnds = token.secretEnds();
        return graceEnds == null ? token.validDate() : Math.min(graceEnds, token.validDate());
    }
}
