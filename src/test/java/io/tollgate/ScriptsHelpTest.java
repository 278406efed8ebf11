package io.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command in {@code scripts/} and {@code bench/} answers {@code --help} with its usage and does
 * nothing else: exit status 0 at once, no build, no server, nothing written to the clone.
 */
class ScriptsHelpTest {

    static Stream<Path> commands() throws IOException {
        try (Stream<Path> scripts = Files.list(Path.of("scripts")); Stream<Path> bench = Files.list(Path.of("bench"))) {
            List<Path> all = Stream.concat(scripts, bench)
                    .filter(p -> p.toString().endsWith(".sh") || p.toString().endsWith(".py"))
                    .sorted().toList();
            assertFalse(all.isEmpty());
            return all.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void answersHelpWithItsUsageAndDoesNothingElse(Path command) throws Exception {
        List<String> before = listing();
        ProcessBuilder builder = command.toString().endsWith(".py")
                ? new ProcessBuilder("python3", command.toString(), "--help")
                : new ProcessBuilder("bash", command.toString(), "--help");
        Process process = builder.redirectErrorStream(true).start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), command + " --help did not return at once");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains(command.getFileName().toString()), command + " --help names itself:\n" + out);
        assertTrue(process.descendants().findAny().isEmpty(), "nothing left running");
        assertEquals(before, listing(), command + " --help wrote to the clone");
    }

    private static List<String> listing() throws IOException {
        try (Stream<Path> top = Files.list(Path.of(""))) {
            return top.map(Path::toString).sorted().toList();
        }
    }
}
