package io.tollgate.tokens.control;

import io.tollgate.errors.InvalidField;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The {@code valid_date} of a new token: an ISO-8601 instant, an ISO date (meaning 23:59:59.999 UTC
 * of that day) or epoch milliseconds as digits; in the future, within the maximum lifetime, and
 * never after the creator's own expiry.
 */
public final class ValidDates {

    static final String FIELD = "valid_date";

    private ValidDates() {
    }

    /** Epoch milliseconds of one of the three accepted forms. */
    public static long parse(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            throw new InvalidField(FIELD, "valid_date must not be empty");
        }
        try {
            if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                if (value.length() > 15) {
                    throw new InvalidField(FIELD, "valid_date is out of range");
                }
                return Long.parseLong(value);
            }
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - 1;
            }
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidField(FIELD, "valid_date must be an ISO-8601 instant "
                    + "(2027-06-30T00:00:00Z), an ISO date (2027-06-30) or epoch milliseconds");
        }
    }

    /**
     * The expiry of a token created at {@code now}: the requested one if allowed, or the default.
     *
     * @param requested   the client's {@code valid_date}, or null
     * @param creatorLimit the creator's own expiry, or null when it never expires
     */
    public static long resolve(String requested, Instant now, Duration defaultLifetime,
                               Duration maxLifetime, Long creatorLimit) {
        long nowMillis = now.toEpochMilli();
        long max = nowMillis + maxLifetime.toMillis();
        if (requested == null) {
            long wanted = Math.min(nowMillis + defaultLifetime.toMillis(), max);
            return creatorLimit == null ? wanted : Math.min(wanted, creatorLimit);
        }
        long validDate = parse(requested);
        if (validDate <= nowMillis) {
            throw new InvalidField(FIELD, "valid_date must lie in the future");
        }
        if (validDate > max) {
            throw new InvalidField(FIELD,
                    "valid_date must lie within " + maxLifetime.toDays() + " days from now");
        }
        if (creatorLimit != null && validDate > creatorLimit) {
            throw new InvalidField(FIELD,
                    "valid_date must not lie after the expiry of the credential creating the token");
        }
        return validDate;
    }
}
