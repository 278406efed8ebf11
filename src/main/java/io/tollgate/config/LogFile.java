package io.tollgate.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.FileHandler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The log file this process writes, for the lines that send an operator there (a failed start's
 * {@code details:}, the start summary's {@code log:}). Decisions:
 * <ul>
 * <li>Payara Micro: the root logger's {@link FileHandler} of {@code payara-config/logging.properties}. JUL
 * does not say which file a handler writes: its pattern ({@code java.util.logging.FileHandler.pattern},
 * Payara has already put the environment's {@code TOLLGATE_LOG_DIR} in it) names generation 0, the
 * current file, and a second process on the same pattern writes {@code NAME.1} beside the first one's
 * lock; so the file is the one of those this process has open ({@code /proc/self/fd}), else generation 0.</li>
 * <li>WildFly: {@code server.log} in {@code jboss.server.log.dir}, which WildFly's own configuration writes.</li>
 * <li>None (a start without either): the lines leave the pointer out.</li>
 * </ul>
 */
public final class LogFile {

    static final String PATTERN = "java.util.logging.FileHandler.pattern";
    static final String COUNT = "java.util.logging.FileHandler.count";

    private LogFile() {
    }

    /** The file, if this process logs to one. */
    public static Optional<Path> current() {
        boolean fileHandler = Arrays.stream(Logger.getLogger("").getHandlers()).anyMatch(FileHandler.class::isInstance);
        String pattern = LogManager.getLogManager().getProperty(PATTERN);
        if (fileHandler && pattern != null) {
            return Optional.of(openOf(pattern, count(LogManager.getLogManager().getProperty(COUNT)), Path.of("/proc/self/fd")));
        }
        String wildfly = System.getProperty("jboss.server.log.dir");
        if (wildfly != null) {
            return Optional.of(Path.of(wildfly, "server.log").toAbsolutePath().normalize());
        }
        return Optional.empty();
    }

    /** Of the files {@code pattern} names for generation 0, the one open in {@code fds}; else the first. */
    static Path openOf(String pattern, int count, Path fds) {
        Path first = Path.of(expand(pattern, count)).toAbsolutePath().normalize();
        // without %u a second process on the pattern writes NAME.1 (NAME.2, ...); with it, the names are the
        // operator's choice and generation 0 is named
        Pattern ours = Pattern.compile(Pattern.quote(first.toString()) + "(\\.[0-9]+)?");
        if (!pattern.contains("%u") && Files.isDirectory(fds)) {
            try (DirectoryStream<Path> open = Files.newDirectoryStream(fds)) {
                for (Path fd : open) {
                    try {
                        Path target = Files.readSymbolicLink(fd);
                        if (ours.matcher(target.toString()).matches()) {
                            return target;
                        }
                    } catch (IOException | UnsupportedOperationException gone) {
                        // closed meanwhile, or not a link
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                return first;
            }
        }
        return first;
    }

    /**
     * {@code pattern} as JUL's FileHandler expands it for generation 0 and unique number 0:
     * {@code %t}, {@code %h}, {@code %g} ({@code .0} appended when it is missing and more than one file is
     * kept), {@code %u}, {@code %%}.
     */
    static String expand(String pattern, int count) {
        StringBuilder expanded = new StringBuilder();
        boolean sawGeneration = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%' && i + 1 < pattern.length()) {
                char field = pattern.charAt(i + 1);
                String value = switch (field) {
                    case 't' -> System.getProperty("java.io.tmpdir");
                    case 'h' -> System.getProperty("user.home");
                    case 'g' -> "0";
                    case 'u' -> "0";
                    case '%' -> "%";
                    default -> null;
                };
                if (value != null) {
                    sawGeneration |= field == 'g';
                    expanded.append(value);
                    i++;
                    continue;
                }
            }
            expanded.append(c);
        }
        if (count > 1 && !sawGeneration) {
            expanded.append(".0");
        }
        return expanded.toString();
    }

    private static int count(String configured) {
        try {
            return configured == null ? 1 : Integer.parseInt(configured.strip());
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }
}
