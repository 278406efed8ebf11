package io.tollgate.audit.entity;

import io.tollgate.errors.InvalidField;

/**
 * Which events a list asks for: at most {@code limit} (1 to 1000, default 100), all older than
 * {@code before} (epoch ms, exclusive; default: no bound). Read from the query's text, strictly:
 * ASCII digits only, a bad value is a 400 naming the parameter.
 */
public record AuditPage(int limit, long before) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** The largest {@code before} taken: 18 digits, far beyond any date, and parsed without overflow. */
    public static final long MAX_BEFORE = 999_999_999_999_999_999L;

    public static AuditPage of(String limit, String before) {
        return new AuditPage(
                limit == null ? DEFAULT_LIMIT : (int) number("limit", limit, 1, MAX_LIMIT),
                before == null ? Long.MAX_VALUE : number("before", before, 0, MAX_BEFORE));
    }

    private static long number(String name, String text, long min, long max) {
        // ASCII digits only: Long.parseLong also takes '+', '-' and the digits of every script
        if (!text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw new InvalidField(name, name + " must be a whole number from " + min + " to " + max);
    }
}
