package io.tollgate.tokens.control;

/**
 * The arithmetic of a rotation's grace window: the replaced secret works while {@code now < end}
 * and is refused from {@code end} on, with {@code end = rotation time + grace}. A grace of 0 ends
 * it at the rotation itself, and {@code previous_valid_until} is then null.
 */
public final class Grace {

    private Grace() {
    }

    /** When the secret replaced at {@code rotatedAt} stops working. */
    public static long end(long rotatedAt, long graceSeconds) {
        if (graceSeconds < 0) {
            throw new IllegalArgumentException("negative grace");
        }
        return rotatedAt + graceSeconds * 1000;
    }

    /** The token's {@code previous_valid_until} after a rotation: the end, or null without grace. */
    public static Long previousValidUntil(long rotatedAt, long graceSeconds) {
        return graceSeconds == 0 ? null : end(rotatedAt, graceSeconds);
    }

    /** Whether a secret ending at {@code end} still works at {@code now}. */
    public static boolean works(long end, long now) {
        return now < end;
    }
}
