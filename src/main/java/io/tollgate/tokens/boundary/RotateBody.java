package io.tollgate.tokens.boundary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The body of {@code POST …/tokens/{tokenId}/rotate}, both fields optional: how long the replaced
 * secret keeps working ({@code grace_seconds}, 0 to 86 400, default 0) and a new {@code valid_date}
 * (absent: the current one stays), whose bounds {@code TokenLifecycle} checks against the clock and the caller.
 */
public record RotateBody(
        @Min(value = 0, message = "must be from 0 to " + RotateBody.MAX_GRACE_SECONDS)
        @Max(value = RotateBody.MAX_GRACE_SECONDS, message = "must be from 0 to " + RotateBody.MAX_GRACE_SECONDS)
        Long graceSeconds,
        String validDate) {

    public static final int MAX_GRACE_SECONDS = 86_400;

    /** The grace in seconds, 0 when absent. */
    public long grace() {
        return graceSeconds == null ? 0 : graceSeconds;
    }
}
