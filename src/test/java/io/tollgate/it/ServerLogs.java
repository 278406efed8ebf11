package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads a server log together with Payara's rotated siblings ({@code name.0}, {@code name.1}, ...). */
public final class ServerLogs {

    private ServerLogs() {
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
