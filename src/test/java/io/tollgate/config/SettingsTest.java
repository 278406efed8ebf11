package io.tollgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Configuration mistakes are named: values of the wrong form and variables that set nothing. */
class SettingsTest {

    private static final Pattern KEY = Pattern.compile("\"(tollgate\\.[a-z0-9.-]+)\"");

    @Test
    void everySettingTheCodeOrTheDefaultsNameIsKnown() throws IOException {
        Set<String> named = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher key = KEY.matcher(Files.readString(source));
                while (key.find()) {
                    named.add(key.group(1));
                }
            }
        }
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
            defaults.load(in);
        }
        defaults.stringPropertyNames().stream().filter(key -> key.startsWith("tollgate.")).forEach(named::add);
        Set<String> known = Settings.ALL.stream().map(Setting::key).collect(Collectors.toCollection(TreeSet::new));
        named.removeAll(known);
        assertEquals(Set.of(), named, "settings the code reads but Settings does not list");
    }

    @Test
    void everyDefaultHasItsSettingsForm() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
            defaults.load(in);
        }
        List<String> problems = ConfigCheck.problems(defaults::getProperty, key -> null, Map.of());
        assertEquals(List.of(), problems);
    }

    @Test
    void aValueOfTheWrongFormIsNamedWithTheAcceptedForm() {
        Map<String, String> environment = Map.of("TOLLGATE_TOKENS_DEFAULT_LIFETIME", "7d");
        Map<String, String> values = new HashMap<>(Map.of("tollgate.tokens.default-lifetime", "7d",
                "tollgate.usage.enabled", "treu", "tollgate.tokens.cache-size", "-5", "tollgate.jwt.lifetime", "PT1H"));
        List<String> problems = ConfigCheck.problems(values::get, key -> null, environment);
        assertEquals(List.of(
                "TOLLGATE_TOKENS_DEFAULT_LIFETIME (tollgate.tokens.default-lifetime) is '7d', which is not an ISO-8601"
                        + " duration, e.g. P7D (7 days), PT12H (12 hours) or PT30S (30 seconds)",
                "tollgate.tokens.cache-size is '-5', which is not a whole number, 0 or more",
                "tollgate.usage.enabled is 'treu', which is not true or false"), problems);
    }

    @Test
    void aRootTokenTooShortOrWithSpacesIsRefusedWithoutEchoingIt() {
        Map<String, String> environment = Map.of("TOLLGATE_ROOT_TOKEN", "too-short");
        for (String bad : List.of("too-short", "a root token of many words, long enough")) {
            List<String> problems = ConfigCheck.problems(key -> key.equals("tollgate.root-token") ? bad : null,
                    key -> null, environment);
            assertEquals(List.of("TOLLGATE_ROOT_TOKEN (tollgate.root-token) must be at least 32 printable characters"
                    + " without spaces (the value is not shown)"), problems);
        }
        assertEquals(List.of(), ConfigCheck.problems(
                key -> key.equals("tollgate.root-token") ? "x".repeat(32) : null, key -> null, environment));
    }

    @Test
    void aSystemPropertyIsNamedByItsKey() {
        List<String> problems = ConfigCheck.problems(key -> key.equals("tollgate.login.window") ? "1m" : null,
                key -> key.equals("tollgate.login.window") ? "1m" : null, Map.of("TOLLGATE_LOGIN_WINDOW", "PT1M"));
        assertEquals(List.of("tollgate.login.window is '1m', which is not an ISO-8601 duration, e.g. P7D (7 days),"
                + " PT12H (12 hours) or PT30S (30 seconds)"), problems);
    }

    @Test
    void aNegativeDurationIsRefusedAndZeroIsFine() {
        Setting lifetime = new Setting("tollgate.tokens.default-lifetime", Setting.Form.DURATION);
        assertTrue(lifetime.problem("k", "-P1D").isPresent());
        assertTrue(lifetime.problem("k", "PT0S").isEmpty());
        assertTrue(lifetime.problem("k", " P30D ").isEmpty(), "surrounding blanks are trimmed, as the converters do");
    }

    @Test
    void aVariableThatSetsNothingGetsOneWarningWithTheNearestKnownName() {
        Map<String, String> environment = new HashMap<>(Map.of(
                "TOLLGATE_DATADIR", "/srv/tollgate",
                "TOLLGATE_DATA_DIR", "/srv/tollgate",
                "TOLLGATE_DB_PASSWROD", "x",
                "TOLLGATE_PORT", "8080",
                "PATH", "/usr/bin"));
        assertEquals(List.of(
                "The environment variable TOLLGATE_DATADIR sets nothing in Tollgate (did you mean TOLLGATE_DATA_DIR?);"
                        + " it is ignored",
                "The environment variable TOLLGATE_DB_PASSWROD sets nothing in Tollgate (did you mean"
                        + " TOLLGATE_DB_PASSWORD?); it is ignored"), ConfigCheck.unknownVariables(environment));
    }

    @Test
    void theWarningNeverRepeatsTheVariablesValue() {
        List<String> warnings = ConfigCheck.unknownVariables(Map.of("TOLLGATE_ROOT_TOKN", "tg_secret-value-never-logged"));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("TOLLGATE_ROOT_TOKEN"));
        assertTrue(!warnings.get(0).contains("secret-value"), "a mistyped secret is not printed");
    }

    @Test
    void editDistance() {
        assertEquals(0, Settings.distance("abc", "abc"));
        assertEquals(1, Settings.distance("TOLLGATE_DATADIR", "TOLLGATE_DATA_DIR"));
        assertEquals(2, Settings.distance("PASSWROD", "PASSWORD"));
        assertEquals(3, Settings.distance("", "abc"));
    }
}
