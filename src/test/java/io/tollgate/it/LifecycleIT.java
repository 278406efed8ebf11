package io.tollgate.it;

import static io.tollgate.it.Asserts.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Starts, restarts and stops of the server as the README runs it: the root token of spec section 1,
 * data that survives a restart, and logs that never hold a token secret.
 */
class LifecycleIT {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final Pattern ROOT_LINE = Pattern.compile("Tollgate root token: (\\S+)");

    private final Path dir = Path.of(System.getProperty("tollgate.it.dir"), "lifecycle-" + System.nanoTime());

    @Test
    void firstStartPrintsRootTokenOnceAndDataSurvivesRestart() throws Exception {
        Path data = dir.resolve("data");
        String rootToken;
        String projectId;
        String secret;
        try (TollgateServer first = TollgateServer.start(data, dir.resolve("first.log"), Map.of())) {
            assertTrue(first.awaitReady(STARTUP), "server did not start:\n" + first.log());
            Matcher printed = ROOT_LINE.matcher(first.log());
            assertTrue(printed.find(), "the first start prints the root token");
            rootToken = printed.group(1);
            assertFalse(printed.find(), "the root token is printed once");
            Api root = first.api(rootToken);
            projectId = root.createProject("survivor").object().getString("id");
            String broker = root.createBroker(projectId, "b", "mqtt://h:1883").object().getString("id");
            JsonObject token = root.createToken(projectId, Api.TokenSpec.of("keeper", "editor").restricted(broker)).object();
            secret = token.getString("token");
            assertEquals(200, first.api(secret).get("api/projects/" + projectId).status());
            assertFalse(first.log().contains(secret), "token secret in the log");
        }
        try (TollgateServer second = TollgateServer.start(data, dir.resolve("second.log"), Map.of())) {
            assertTrue(second.awaitReady(STARTUP), "server did not restart:\n" + second.log());
            assertFalse(ROOT_LINE.matcher(second.log()).find(), "a stored root credential is not printed again");
            assertTrue(second.log().contains("(0 migrations applied now)"), "a second start migrates nothing");
            Api root = second.api(rootToken);
            assertEquals("survivor", root.get("api/projects/" + projectId).object().getString("name"));
            assertEquals(200, second.api(secret).get("api/projects/" + projectId + "/brokers").status(),
                    "the token works after a restart");
            JsonObject listed = root.get("api/projects/" + projectId + "/tokens").array().getJsonObject(0);
            assertEquals("keeper", listed.getString("name"));
            assertNotEquals(jakarta.json.JsonValue.NULL, listed.get("last_used_date"));
            assertFalse(second.log().contains(secret), "token secret in the log");
        }
        assertTrue(Files.exists(data.resolve("tollgate.mv.db")), "the database is a file in the data directory");
    }

    /**
     * Two rules on one pair of starts (each start costs more than the checks): a configured root
     * token replaces the stored one, and the data directory is owner-only, whether new or left
     * world-readable by an older version.
     */
    @Test
    void configuredRootTokenReplacesTheStoredOneAndDataDirectoryIsOwnerOnlyWhetherNewOrLeftOpen() throws Exception {
        Path data = dir.resolve("data");
        String firstRoot = "first-operator-chosen-root-credential-xyz";
        String secondRoot = "second-operator-chosen-root-credential-xyz";
        try (TollgateServer server = TollgateServer.start(data, dir.resolve("a.log"),
                Map.of("TOLLGATE_ROOT_TOKEN", firstRoot))) {
            assertTrue(server.awaitReady(STARTUP), server.log());
            assertFalse(ROOT_LINE.matcher(server.log()).find(), "a configured root token is never printed");
            assertEquals(200, server.api(firstRoot).get("api/projects").status());
            assertEquals(200, server.api(firstRoot).createProject("private").status());
            assertOwnerOnly(data);
        }
        // as an older version left it: a world-readable directory and database file
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        try (TollgateServer server = TollgateServer.start(data, dir.resolve("b.log"),
                Map.of("TOLLGATE_ROOT_TOKEN", secondRoot))) {
            assertTrue(server.awaitReady(STARTUP), server.log());
            assertEquals(200, server.api(secondRoot).get("api/projects").status());
            assertUnauthorized(server.api(firstRoot).get("api/projects"));
            assertFalse(server.log().contains(secondRoot) || server.log().contains(firstRoot));
            assertOwnerOnly(data);
        }
    }

    @Test
    void shortRootTokenStopsTheServerWithAClearMessage() throws Exception {
        try (TollgateServer server = TollgateServer.start(dir.resolve("short"), dir.resolve("short.log"),
                Map.of("TOLLGATE_ROOT_TOKEN", "too-short"))) {
            assertTrue(server.process().waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS), "the server must stop");
            assertNotEquals(0, server.process().exitValue());
            assertTrue(server.log().contains("TOLLGATE_ROOT_TOKEN must be at least 32"), server.log());
            assertFalse(server.log().contains("too-short"), "the rejected value is not echoed");
        }
    }

    private static void assertOwnerOnly(Path data) throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)), data.toString());
        List<Path> files;
        try (Stream<Path> listed = Files.list(data)) {
            files = listed.toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("tollgate.mv.db")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("jwt-signing-key.pk8")), files.toString());
        for (Path file : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
    }
}
