package io.tollgate.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An operator setting Tollgate reads: its MicroProfile Config key and the form its value must have.
 * {@link #problem} says, in one line an operator can act on, why a value is not of that form.
 */
public record Setting(String key, Form form) {

    /** The forms of value a setting can take, each with how to write it. */
    public enum Form {
        DURATION("an ISO-8601 duration, e.g. P7D (7 days), PT12H (12 hours) or PT30S (30 seconds)"),
        COUNT("a whole number, 0 or more"),
        SWITCH("true or false"),
        /** A credential: checked like any value, but never echoed in the line that refuses it. */
        CREDENTIAL("at least 32 printable characters without spaces"),
        TEXT("any text");

        /** The shortest credential an operator may configure (the root token). */
        public static final int CREDENTIAL_MIN_LENGTH = 32;

        private static final Set<String> SWITCHES = Set.of("true", "false", "yes", "no", "on", "off", "1", "0", "y", "n");

        private final String accepted;

        Form(String accepted) {
            this.accepted = accepted;
        }

        public String accepted() {
            return accepted;
        }

        public boolean accepts(String value) {
            if (this == CREDENTIAL) {
                return value.codePointCount(0, value.length()) >= CREDENTIAL_MIN_LENGTH
                        && value.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c));
            }
            String v = value.strip();
            return switch (this) {
                case DURATION -> isDuration(v);
                case COUNT -> isCount(v);
                case SWITCH -> SWITCHES.contains(v.toLowerCase(Locale.ROOT));
                case TEXT, CREDENTIAL -> true;
            };
        }

        private static boolean isDuration(String value) {
            try {
                return !Duration.parse(value).isNegative();
            } catch (DateTimeParseException notOne) {
                return false;
            }
        }

        private static boolean isCount(String value) {
            try {
                return Integer.parseInt(value) >= 0;
            } catch (NumberFormatException notOne) {
                return false;
            }
        }
    }

    /** The environment variable that sets it (MicroProfile's mapping: upper case, every other character {@code _}). */
    public String environmentName() {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * Why {@code value} is not of this setting's form, naming where it came from ({@code source}: the
     * environment variable or the key), the value and the accepted form; empty when it is fine.
     */
    public Optional<String> problem(String source, String value) {
        if (value == null || form.accepts(value)) {
            return Optional.empty();
        }
        String named = source.equals(key) ? key : source + " (" + key + ")";
        if (form == Form.CREDENTIAL) {
            return Optional.of(named + " must be " + form.accepted() + " (the value is not shown)");
        }
        return Optional.of(named + " is '" + value.strip() + "', which is not " + form.accepted());
    }
}
