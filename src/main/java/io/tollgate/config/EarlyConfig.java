package io.tollgate.config;

import java.util.Locale;

/**
 * Operator settings read straight from {@code -D} system properties and the environment, for the
 * config sources that must answer before the application's MicroProfile Config is assembled (Payara
 * resolves the data source and the JWT verifier first). Environment names follow MicroProfile's
 * mapping: upper case, every other character {@code _} ({@code tollgate.db.url} → {@code TOLLGATE_DB_URL}).
 */
public final class EarlyConfig {

    private EarlyConfig() {
    }

    /** The value, or null when unset or blank. */
    public static String value(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
