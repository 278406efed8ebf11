package io.tollgate.requests.control;

import io.tollgate.errors.InvalidField;

/**
 * Query parameters read strictly: ASCII digits only ({@code Integer.parseInt} also takes '+', '-' and
 * the digits of every script), within bounds, or a 400 naming the parameter.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** A whole number from {@code min} to {@code max}; null when absent. */
    public static Integer wholeNumber(String name, String text, int min, int max) {
        if (text == null) {
            return null;
        }
        if (!text.isEmpty() && text.length() <= 10 && digits(text)) {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return (int) value;
            }
        }
        throw new InvalidField(name, name + " must be a whole number from " + min + " to " + max);
    }

    /** A non-negative date in epoch milliseconds; absent means no bound ({@link Long#MAX_VALUE}). */
    public static long epochMillis(String name, String text) {
        if (text == null) {
            return Long.MAX_VALUE;
        }
        if (!text.isEmpty() && text.length() <= 18 && digits(text)) {
            return Long.parseLong(text);
        }
        throw new InvalidField(name, name + " must be a date in epoch milliseconds (a whole number from 0)");
    }

    private static boolean digits(String text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
