package io.tollgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: the README's run command ({@code scripts/run.sh}) on a port another process holds ends at once
 * with a non-zero status and one line naming the port and the fix, instead of a server that says it is
 * ready at an address that reaches the other process.
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

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
