package io.tollgate.config;

import io.tollgate.config.Setting.Form;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code tollgate.*} setting Tollgate reads, with its form (docs/configuration.md). The start
 * checks the configured values against it ({@code ConfigCheck}); {@code SettingsTest} keeps it equal to
 * the keys the code and the defaults file name, so that it cannot fall behind.
 */
public final class Settings {

    /** Variables that start with {@code TOLLGATE_} and are no setting of the server: they are not warned about. */
    static final List<String> OTHER_VARIABLES = List.of(
            "TOLLGATE_PORT",        // scripts/run.sh: the HTTP port
            "TOLLGATE_LOG_DIR",     // scripts/run.sh: the log file's directory (payara-config/logging.properties)
            "TOLLGATE_TOKEN",       // the README's example of how a program keeps its token
            "TOLLGATE_CI_PG_PORT", "TOLLGATE_CI_WILDFLY"); // .ci/run

    static final List<Setting> ALL = List.of(
            new Setting("tollgate.data-dir", Form.TEXT),
            new Setting("tollgate.root-token", Form.CREDENTIAL),
            new Setting("tollgate.db.url", Form.TEXT),
            new Setting("tollgate.db.user", Form.TEXT),
            new Setting("tollgate.db.password", Form.TEXT),
            new Setting("tollgate.db.datasource-class", Form.TEXT),
            new Setting("tollgate.db.pool-size", Form.COUNT),
            new Setting("tollgate.http.trusted-proxies", Form.TEXT),
            new Setting("tollgate.jwt.private-key", Form.TEXT),
            new Setting("tollgate.jwt.lifetime", Form.DURATION),
            new Setting("tollgate.password.iterations", Form.COUNT),
            new Setting("tollgate.audit.retention", Form.DURATION),
            new Setting("tollgate.audit.retention-interval", Form.DURATION),
            new Setting("tollgate.login.max-failures", Form.COUNT),
            new Setting("tollgate.login.window", Form.DURATION),
            new Setting("tollgate.login.lockout", Form.DURATION),
            new Setting("tollgate.login.username-max-failures", Form.COUNT),
            new Setting("tollgate.login.username-window", Form.DURATION),
            new Setting("tollgate.login.max-tracked", Form.COUNT),
            new Setting("tollgate.auth.login.max-failures-per-address", Form.COUNT),
            new Setting("tollgate.mqtt.max-wrong-keys-per-address", Form.COUNT),
            new Setting("tollgate.mqtt.key-cache-size", Form.COUNT),
            new Setting("tollgate.mqtt.remembered-clients", Form.COUNT),
            new Setting("tollgate.mqtt.clients-per-token", Form.COUNT),
            new Setting("tollgate.tokens.default-lifetime", Form.DURATION),
            new Setting("tollgate.tokens.max-lifetime", Form.DURATION),
            new Setting("tollgate.tokens.last-used-granularity", Form.DURATION),
            new Setting("tollgate.tokens.cache-size", Form.COUNT),
            new Setting("tollgate.tokens.expiry-warning", Form.DURATION),
            new Setting("tollgate.tokens.revoked-retention", Form.DURATION),
            new Setting("tollgate.tokens.max-per-project", Form.COUNT),
            new Setting("tollgate.tokens.list-page-size", Form.COUNT),
            new Setting("tollgate.usage.enabled", Form.SWITCH),
            new Setting("tollgate.usage.buffer-size", Form.COUNT),
            new Setting("tollgate.usage.flush-interval", Form.DURATION),
            new Setting("tollgate.usage.retention", Form.DURATION),
            new Setting("tollgate.usage.keep", Form.COUNT),
            new Setting("tollgate.usage.cleanup-interval", Form.DURATION));

    private static final Map<String, Setting> BY_VARIABLE = ALL.stream()
            .collect(Collectors.toMap(Setting::environmentName, Function.identity()));

    private Settings() {
    }

    /** Whether Tollgate (the server or its scripts) reads this environment variable. */
    public static boolean isKnownVariable(String variable) {
        return BY_VARIABLE.containsKey(variable) || OTHER_VARIABLES.contains(variable);
    }

    /** The setting an environment variable sets, if any. */
    static Optional<Setting> byVariable(String variable) {
        return Optional.ofNullable(BY_VARIABLE.get(variable));
    }

    /**
     * For a {@code TOLLGATE_*} variable that sets nothing: one warning line naming the nearest known
     * variable; empty for a known one.
     */
    static Optional<String> unknownVariable(String variable) {
        if (!variable.startsWith("TOLLGATE_") || isKnownVariable(variable)) {
            return Optional.empty();
        }
        String nearest = BY_VARIABLE.keySet().stream()
                .min(Comparator.comparingInt((String known) -> distance(variable, known)).thenComparing(known -> known))
                .orElseThrow();
        return Optional.of("The environment variable " + variable + " sets nothing in Tollgate (did you mean "
                + nearest + "?); it is ignored");
    }

    /** Edit distance (insertions, deletions, substitutions) between two names. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
