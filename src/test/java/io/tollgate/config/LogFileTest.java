package io.tollgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file a process logs to, from the FileHandler pattern of payara-config/logging.properties. */
class LogFileTest {

    @Test
    void theCurrentFileIsGenerationZeroOfThePattern() {
        assertEquals("/var/log/tollgate/tollgate.0.log", LogFile.expand("/var/log/tollgate/tollgate.%g.log", 5));
        assertEquals("/l/t.log.0", LogFile.expand("/l/t.log", 5), "JUL appends the generation when the pattern has none");
        assertEquals("/l/t.log", LogFile.expand("/l/t.log", 1));
        assertEquals("/l/t0-0%.log", LogFile.expand("/l/t%u-%g%%.log", 3));
        assertEquals(System.getProperty("java.io.tmpdir") + "/t.0.log", LogFile.expand("%t/t.%g.log", 2));
    }

    @Test
    void aSecondProcessOnTheSamePatternIsToldTheFileItWritesNotTheFirstOnes(@TempDir Path dir) throws Exception {
        Path fds = Files.createDirectories(dir.resolve("fd"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        String pattern = logs + "/tollgate.%g.log";
        assertEquals(logs.resolve("tollgate.0.log"), LogFile.openOf(pattern, 5, fds), "nothing open: generation 0");
        Files.createSymbolicLink(fds.resolve("3"), dir.resolve("database.mv.db"));
        Files.createSymbolicLink(fds.resolve("4"), logs.resolve("tollgate.0.log.1.lck"));
        Files.createSymbolicLink(fds.resolve("5"), logs.resolve("tollgate.0.log.1"));
        assertEquals(logs.resolve("tollgate.0.log.1"), LogFile.openOf(pattern, 5, fds));
    }
}
