package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Reads a server log together with Payara's rotated siblings ({@code name.0}, {@code name.1}, ...). */
public final class ServerLogs {

    private ServerLogs() {
    }

    /** Something that reads a whole log. */
    @FunctionalInterface
    public interface Source {
        String read() throws IOException;
    }

    /**
     * The log once it has stopped growing for 1.5 s (Payara writes it from a queue), within 20 s:
     * what a test compares before and after the requests it sends.
     */
    public static String settled(Source log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = log.read();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_500);
            String now = log.read();
            if (now.length() == last.length()) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** {@link #settled(Source)} of a log file and its rotated siblings. */
    public static String settled(Path log) throws IOException, InterruptedException {
        return settled(() -> read(log));
    }

    /** The last {@code lines} lines of a server log (and its rotated siblings), or why there are none. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = read(log).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | AssertionError | RuntimeException unreadable) {
            return "(no log at " + log + ": " + unreadable + ")";
        }
    }

    public static String read(Path log) throws IOException {
        String name = log.getFileName().toString();
        List<Path> files;
        try (Stream<Path> siblings = Files.list(log.getParent())) {
            files = siblings.filter(p -> p.getFileName().toString().startsWith(name)).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no server log at " + log);
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        }
        return all.toString();
    }
}
