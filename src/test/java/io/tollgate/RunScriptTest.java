package io.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command ({@code scripts/run.sh}). Issue 23: on a port another process holds it ends at
 * once with a non-zero status and one line naming the port and the fix, instead of a server that says it
 * is ready at an address that reaches the other process; and it gives the server a log file's directory
 * (checked with a stand-in {@code java} that prints what it was given, no server started).
 */
class RunScriptTest {

    @Test
    void aPortInUseEndsTheStartWithOneLineNamingThePortAndTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Process run = new ProcessBuilder("bash", "scripts/run.sh", "--port", String.valueOf(port))
                    .redirectErrorStream(true).start();
            assertTrue(run.waitFor(20, TimeUnit.SECONDS), "run.sh did not end");
            String out = output(run).strip();
            assertEquals(1, run.exitValue(), out);
            assertEquals(1, out.lines().count(), "one line:\n" + out);
            assertTrue(out.startsWith("run.sh: port " + port + " is in use"), out);
            assertTrue(out.endsWith(": set --port or TOLLGATE_PORT"), out);
            assertTrue(run.descendants().findAny().isEmpty(), "nothing left running");
        }
    }

    @Test
    void theLogDirectoryIsTheDataDirectorysLogsUnlessLogsOrTollgateLogDirSayOtherwiseAndIsMadeOwnerOnly(@TempDir Path home)
            throws Exception {
        Path script = Files.createDirectories(home.resolve("scripts")).resolve("run.sh");
        Files.copy(Path.of("scripts/run.sh"), script, StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(home.resolve("target"));
        Files.createFile(home.resolve("target/payara-micro.jar"));
        Files.createFile(home.resolve("target/tollgate.war"));
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"TOLLGATE_LOG_DIR=$TOLLGATE_LOG_DIR\"\n");
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwx------"));

        assertEquals("TOLLGATE_LOG_DIR=" + home.resolve("data/logs"), fakeRun(home, Map.of()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("data/logs"))));
        assertEquals("TOLLGATE_LOG_DIR=" + home.resolve("elsewhere/logs"), fakeRun(home, Map.of(), "--data", "elsewhere"));
        assertEquals("TOLLGATE_LOG_DIR=" + home.resolve("var/log/tollgate"), fakeRun(home, Map.of(), "--logs", "var/log/tollgate"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("var"))),
                "every directory it creates");
        assertEquals("TOLLGATE_LOG_DIR=" + home.resolve("env-logs"), fakeRun(home, Map.of("TOLLGATE_LOG_DIR", "env-logs")));
        assertEquals("TOLLGATE_LOG_DIR=" + home.resolve("flag"), fakeRun(home, Map.of("TOLLGATE_LOG_DIR", "env-logs"), "--logs=flag"));
    }

    @Test
    void helpNamesTheLogOption() throws Exception {
        Process help = new ProcessBuilder("bash", "scripts/run.sh", "--help").redirectErrorStream(true).start();
        assertTrue(help.waitFor(20, TimeUnit.SECONDS));
        String out = output(help);
        assertEquals(0, help.exitValue(), out);
        assertTrue(out.contains("--logs DIR    where the log file goes, tollgate.0.log"), out);
        assertTrue(out.contains("TOLLGATE_LOG_DIR"), out);
    }

    /** run.sh in {@code home} with the stand-in java first on the path; what it printed. */
    private static String fakeRun(Path home, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "scripts/run.sh", "--port", String.valueOf(freePort())));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("TOLLGATE_"));
        builder.environment().put("PATH", home.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().putAll(env);
        Process run = builder.start();
        assertTrue(run.waitFor(20, TimeUnit.SECONDS), "run.sh did not end");
        String out = output(run).strip();
        assertEquals(0, run.exitValue(), out);
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
