package io.tollgate.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Configuration mistakes stop the start or are named, never silent: before anything else starts, every
 * {@link Settings} value that does not have its form stops the start with one line naming the
 * variable, the value and the accepted form (a {@code 7d} lifetime would otherwise fall back to the
 * default), and every {@code TOLLGATE_*} environment variable that sets nothing (a typo such as
 * {@code TOLLGATE_DATADIR}) gets one warning naming the nearest known one.
 */
@ApplicationScoped
public class ConfigCheck {

    private static final Logger LOG = Logger.getLogger(ConfigCheck.class.getName());

    /** First of the start ({@code start.boundary.StartSequence}): before the migrations and everything else. */
    public void check() {
        unknownVariables(System.getenv()).forEach(LOG::warning);
        Config config = ConfigProvider.getConfig();
        List<String> problems = problems(key -> config.getConfigValue(key).getRawValue(), System::getProperty,
                System.getenv());
        if (!problems.isEmpty()) {
            throw StartFailure.stop(String.join("; ", problems));
        }
    }

    /** The warnings for the environment's {@code TOLLGATE_*} variables that set nothing, in name order. */
    static List<String> unknownVariables(Map<String, String> environment) {
        List<String> warnings = new ArrayList<>();
        for (String variable : new TreeSet<>(environment.keySet())) {
            Settings.unknownVariable(variable).ifPresent(warnings::add);
        }
        return warnings;
    }

    /**
     * One line per setting whose value is not of its form. {@code values}: the value each key has (null
     * when unset); {@code properties}/{@code environment}: where the operator may have set it, so that
     * the line names what the operator wrote.
     */
    static List<String> problems(UnaryOperator<String> values, UnaryOperator<String> properties,
                                 Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        for (Setting setting : Settings.ALL) {
            String value = values.apply(setting.key());
            String source = properties.apply(setting.key()) == null && environment.containsKey(setting.environmentName())
                    ? setting.environmentName() : setting.key();
            setting.problem(source, value).ifPresent(problems::add);
        }
        return problems;
    }
}
