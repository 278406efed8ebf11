package io.tollgate.it;

import static io.tollgate.it.Asserts.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Starts, restarts and stops of the server as the README runs it: the root token of spec section 1,
 * data that survives a restart, and logs that never hold a token secret. Two outputs: the console
 * ({@link TollgateServer#log()}: short, warnings, errors and the start summary) and the log file
 * ({@link TollgateServer#logFile()}: everything but secrets, the detail of a failed start included).
 */
@Tag(RuntimeSubset.TAG)
class LifecycleIT {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final Pattern ROOT_LINE = Pattern.compile("Tollgate root token: (\\S+)");

    private final Path dir = Path.of(System.getProperty("tollgate.it.dir"), "lifecycle-" + System.nanoTime());

    /**
     * One data directory across two starts and a stop (each start costs more than the checks it serves):
     * <ol>
     * <li>a first start prints the minted root token once, in a short summary that names where the data
     *     lives and the log file, which has the schema version and the runtime's start-up messages (not the
     *     console) but never the root token; the data directory is owner-only; a second server on the same
     *     data stops, naming the first, its failure's detail in a log file of its own and not on the console;
     *     a token made there works, and its use is written at SIGTERM;</li>
     * <li>a restart with a configured root token, on a directory left world-readable as an older version
     *     left it: the configured token replaces the stored one and is never printed, nothing is migrated
     *     again, the data, the token and its use survived, and the directory is owner-only again;</li>
     * <li>spec section 8, on that restart: from the first answer of the start to the last of the stop
     *     (SIGTERM), every {@code /api} request is answered as a served one or with 503
     *     {@code SERVICE_UNAVAILABLE}, its error body and {@code Retry-After}; never a 500, an empty body
     *     or an HTML page. Before the WAR is deployed the port may be closed (Payara) or answer the
     *     runtime's own 404 (outside the application), and a stopped server refuses connections: those
     *     are not answers of the application. WildFly (not yet solved there, so tolerated): while it is
     *     suspended at a stop it answers its own HTML 503, and once the WAR is undeployed its HTML 404.</li>
     * </ol>
     */
    @Test
    void aDataDirectoryKeepsItsDataAcrossARestartWhoseRootTokenReplacesThePrintedOneAndStartAndStopNeverAnswer500()
            throws Exception {
        Path data = dir.resolve("data");
        String rootToken;
        Path serverLogFile;
        String projectId;
        String secret;
        String tokenId;
        String first;
        // uses are written only at exit here (the flush interval outlasts the test): SIGTERM must write them
        try (TollgateServer server = TollgateServer.start(data, dir.resolve("first.log"),
                Map.of("TOLLGATE_USAGE_FLUSH_INTERVAL", "PT1H"))) {
            assertTrue(server.awaitReady(STARTUP), "server did not start:\n" + server.log());
            first = awaitSummary(server);
            Matcher printed = ROOT_LINE.matcher(first);
            assertTrue(printed.find(), "the first start prints the root token");
            rootToken = printed.group(1);
            assertFalse(printed.find(), "the root token is printed once");
            String block = first.substring(first.indexOf("Tollgate is ready at"));
            assertTrue(block.contains("  data:     H2 file " + data.toAbsolutePath().normalize().resolve("tollgate.mv.db")),
                    "the summary says where the data lives:\n" + block);
            serverLogFile = server.logFile();
            assertTrue(block.contains("  log:      " + serverLogFile + "\n"), "the summary names the log file:\n" + block);
            Matcher token = ROOT_LINE.matcher(block);
            assertTrue(token.find(), "the first start's summary carries the root token:\n" + first);
            assertEquals(rootToken, token.group(1));
            assertEquals(200, server.api(token.group(1)).get("api/projects").status(), "the printed token is root's");
            assertApiDocsServedAsTheSummarySays(server);
            assertOwnerOnly(data);
            assertASecondStartOnTheSameDataEndsNamingTheFirst(data);
            Api root = server.api(rootToken);
            projectId = root.createProject("survivor").object().getString("id");
            String broker = root.createBroker(projectId, "b", "mqtt://h:1883").object().getString("id");
            JsonObject created = root.createToken(projectId, Api.TokenSpec.of("keeper", "editor").restricted(broker)).object();
            secret = created.getString("token");
            tokenId = created.getString("id");
            assertEquals(200, server.api(secret).get("api/projects/" + projectId).status());
            assertFalse(server.log().contains(secret), "token secret in the log");
        }
        assertReadable(first);
        String firstFile = Files.readString(serverLogFile);
        for (String leaked : List.of(rootToken, secret)) {
            assertFalse(firstFile.contains(leaked), "a secret in the log file");
        }
        assertTrue(firstFile.contains("Tollgate is ready at http://localhost:"), "the file says the start ended:\n" + firstFile);
        if (!Servers.wildfly()) {
            // the runtime's start-up messages go to the file only (issue 23)
            for (String payara : List.of("Created virtual server", "loaded default web module")) {
                assertTrue(firstFile.contains(payara), payara + " in the file:\n" + firstFile);
                assertFalse(first.contains(payara), payara + " on the console:\n" + first);
            }
        }
        Matcher migrated = Pattern.compile("Database schema at version (\\d+) \\((\\d+) migrations applied now\\)").matcher(firstFile);
        assertTrue(migrated.find() && migrated.group(1).equals(migrated.group(2)), "a fresh database gets every migration:\n" + firstFile);
        String version = migrated.group(1);

        // as an older version left it: a world-readable directory and database file
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        String configured = "operator-chosen-root-credential-0123456789";
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean polling = new AtomicBoolean(true);
        ExecutorService pollers = Executors.newFixedThreadPool(3);
        try (TollgateServer server = TollgateServer.start(data, dir.resolve("second.log"),
                Map.of("TOLLGATE_ROOT_TOKEN", configured))) {
            for (String path : List.of("api/version", "api/projects", "api/projects")) {
                pollers.submit(() -> poll(server.base().resolve(path), configured, polling, answers));
            }
            assertTrue(server.awaitReady(STARTUP), "server did not restart:\n" + server.log());
            String second = awaitSummary(server);
            assertReadable(second);
            assertFalse(ROOT_LINE.matcher(second).find(), "neither a stored nor a configured root token is printed:\n" + second);
            assertFalse(second.contains("version null"), second);
            String secondFile = Files.readString(server.logFile());
            assertTrue(secondFile.contains("Database schema at version " + version + " (0 migrations applied now)"),
                    "a second start migrates nothing:\n" + secondFile);
            Api root = server.api(configured);
            assertEquals("survivor", root.get("api/projects/" + projectId).object().getString("name"));
            assertUnauthorized(server.api(rootToken).get("api/projects"));
            assertEquals(200, server.api(secret).get("api/projects/" + projectId + "/brokers").status(),
                    "the token works after a restart");
            JsonObject listed = root.get("api/projects/" + projectId + "/tokens").array().getJsonObject(0);
            assertEquals("keeper", listed.getString("name"));
            assertNotEquals(jakarta.json.JsonValue.NULL, listed.get("last_used_date"), "the last use, written at SIGTERM");
            List<String> paths = root.get("api/projects/" + projectId + "/tokens/" + tokenId + "/usage").array()
                    .getValuesAs(JsonObject.class).stream().map(use -> use.getString("path")).toList();
            assertTrue(paths.contains("/api/projects/" + projectId), "the first server's use, written at SIGTERM: " + paths);
            assertOwnerOnly(data);
            Thread.sleep(500); // a moment of served answers before the stop
            server.close();
            assertFalse(server.process().isAlive(), "the server stops on SIGTERM");
            for (String leaked : List.of(secret, configured, rootToken)) {
                assertFalse(server.log().contains(leaked), "a secret in the log");
                assertFalse(Files.readString(server.logFile()).contains(leaked), "a secret in the log file");
            }
        } finally {
            polling.set(false);
            pollers.shutdown();
            assertTrue(pollers.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertTrue(Files.exists(data.resolve("tollgate.mv.db")), "the database is a file in the data directory");
        List<String> seen;
        synchronized (answers) {
            seen = List.copyOf(answers);
        }
        int firstAnswer = 0;
        while (firstAnswer < seen.size() && seen.get(firstAnswer).startsWith("404 ")) {
            firstAnswer++;
        }
        List<String> wrong = seen.subList(firstAnswer, seen.size()).stream()
                .filter(answer -> !answer.startsWith("200 ") && !UNAVAILABLE.matcher(answer).matches())
                .filter(answer -> !(Servers.wildfly() && WILDFLY_OWN.matcher(answer).matches()))
                .distinct().toList();
        assertEquals(List.of(), wrong, "answers of a starting or stopping server (" + seen.size() + " answers)");
        assertTrue(seen.stream().anyMatch(answer -> answer.startsWith("200 ")), "the polls reached the started server");
    }

    /**
     * Issue 23, in one failed start: a value of the wrong form stops the start naming it (a root token too
     * short, never echoed; on Payara also a lifetime of the wrong form: WildFly's MicroProfile Config refuses
     * that one itself, before any code of the application runs), and a variable that sets nothing is named.
     */
    @Test
    void aMisconfiguredStartStopsNamingEachMistakeWithoutEchoingTheRootToken() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("TOLLGATE_ROOT_TOKEN", "too-short",
                "TOLLGATE_DATADIR", "/nowhere/secret-looking-value"));
        if (!Servers.wildfly()) {
            env.put("TOLLGATE_TOKENS_DEFAULT_LIFETIME", "7d");
        }
        try (TollgateServer server = TollgateServer.start(dir.resolve("misconfigured"), dir.resolve("misconfigured.log"), env)) {
            assertTrue(server.awaitFailedStart(STARTUP), "the application must not start:\n" + server.log());
            String log = server.log();
            assertTrue(log.contains("TOLLGATE_ROOT_TOKEN (tollgate.root-token) must be at least 32 printable characters"), log);
            assertFalse(log.contains("too-short"), "the rejected root token is not echoed");
            if (!Servers.wildfly()) {
                assertTrue(log.contains("TOLLGATE_TOKENS_DEFAULT_LIFETIME (tollgate.tokens.default-lifetime) is '7d',"
                        + " which is not an ISO-8601 duration, e.g. P7D"), log);
            }
            assertTrue(log.contains("The environment variable TOLLGATE_DATADIR sets nothing in Tollgate"
                    + " (did you mean TOLLGATE_DATA_DIR?)"), log);
            assertFalse(log.contains("secret-looking-value"), "an unknown variable's value is not echoed");
            assertTrue(log.contains("\n  details: " + server.logFile()), "the console names the log file:\n" + log);
            String file = Files.readString(server.logFile());
            assertTrue(file.contains("TOLLGATE_ROOT_TOKEN (tollgate.root-token) must be at least 32 printable characters"), file);
            for (String secret : List.of("too-short", "secret-looking-value")) {
                assertFalse(file.contains(secret), "a rejected value in the log file");
            }
        }
    }

    /**
     * Issue 23: a PostgreSQL URL started without the driver ({@code java -jar} without {@code --addlibs},
     * bypassing scripts/run.sh) ends with one line naming the fix, no stack trace. Payara on H2 only: the
     * PostgreSQL cells add the driver, and WildFly's is a module of the server.
     */
    @Test
    void aPostgresqlUrlWithoutItsDriverEndsTheStartNamingHowToAddIt() throws Exception {
        assumeFalse(Servers.wildfly() || "postgresql".equals(System.getProperty("tollgate.it.db")));
        try (TollgateServer server = TollgateServer.start(dir.resolve("no-driver"), dir.resolve("no-driver.log"),
                Map.of("TOLLGATE_DB_URL", "jdbc:postgresql://127.0.0.1:1/tollgate"))) {
            assertTrue(server.awaitFailedStart(Duration.ofSeconds(60)), "the start must end:\n" + server.log());
            String log = server.log();
            assertTrue(log.contains("Tollgate cannot start: no JDBC driver for jdbc:postgresql:"
                    + " (org.postgresql.ds.PGSimpleDataSource is not on the class path): add target/postgresql.jar"
                    + " with --addlibs, or start with scripts/run.sh, which adds it"), log);
            assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
            // the detail goes to the log file, which the console names
            assertTrue(log.contains("\n  details: " + server.logFile()), log);
            assertDetailInTheFile(server.logFile(), "java.lang.ClassNotFoundException: org.postgresql.ds.PGSimpleDataSource");
        }
    }

    /** The log file holds the failure that stopped the start, with its stack trace, after the start's own lines. */
    private static void assertDetailInTheFile(Path file, String failure) throws Exception {
        String detail = Files.readString(file);
        assertTrue(detail.contains("The failure that stops the start ("), detail);
        assertTrue(detail.contains(failure), failure + " in the file:\n" + detail);
        assertTrue(detail.contains("\tat "), "the stack trace in the file:\n" + detail);
        assertTrue(detail.contains("Tollgate cannot start: "), detail);
    }

    /**
     * Issue 23: a second start on a data directory in use ends (no zombie) with one line naming the holder,
     * and the log file it names, its own (the first server holds the usual one): the detail is there.
     */
    private void assertASecondStartOnTheSameDataEndsNamingTheFirst(Path data) throws Exception {
        try (TollgateServer second = TollgateServer.start(data, dir.resolve("in-use.log"), Map.of())) {
            assertTrue(second.awaitFailedStart(STARTUP), "a second server on the same data must stop:\n" + second.log());
            if (Servers.wildfly()) {
                return; // Hibernate opens the database while WildFly deploys, before any code of the application runs
            }
            assertTrue(second.log().contains("Tollgate cannot start: " + data.toAbsolutePath().normalize()
                    + " is in use by another process (pid "), second.log());
            assertFalse(second.log().contains("\tat "), "no stack trace:\n" + second.log());
            Matcher details = Pattern.compile("\n  details: (\\S+)\\]\\]").matcher(second.log());
            assertTrue(details.find(), "the console names the log file:\n" + second.log());
            Path own = Path.of(details.group(1));
            assertEquals(second.logFile() + ".1", own.toString(), "the file beside the first server's");
            assertDetailInTheFile(own, "Database may be already in use");
        }
    }

    /** WildFly's own answers while suspended (503) and with no application deployed (404). */
    private static final Pattern WILDFLY_OWN = Pattern.compile("(503|404) \\[text/html[^\\]]*\\] .*");

    /** The gate's answer: the error body (JSON) and a Retry-After in seconds. */
    private static final Pattern UNAVAILABLE = Pattern.compile("503 SERVICE_UNAVAILABLE retry-after=[1-9][0-9]* application/json.*");

    /**
     * GETs {@code uri} every 20 ms while {@code polling}, noting each answer in {@code answers} as
     * "STATUS CODE retry-after=SECONDS" for an error body, "STATUS " and the start of the body otherwise;
     * a refused or dropped connection is no answer.
     */
    private static void poll(URI uri, String credential, AtomicBoolean polling,
                             List<String> answers) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + credential).build();
        while (polling.get()) {
            try {
                Api.Reply reply = Api.send(request);
                String type = reply.contentType() == null ? "" : reply.contentType();
                String body = reply.body();
                String code = null;
                if (type.startsWith("application/json") && body.startsWith("{") && body.contains("\"code\"")) {
                    code = reply.code();
                }
                answers.add(code != null
                        ? reply.status() + " " + code + " retry-after=" + reply.header("Retry-After") + " " + type
                        : reply.status() + " [" + type + "] " + body.substring(0, Math.min(body.length(), 60)));
            } catch (RuntimeException noAnswer) {
                // not listening (yet, or any more), or the connection was closed under the request
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException stop) {
                return;
            }
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
            assertEquals(Files.isDirectory(file) ? "rwx------" : "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
    }

    // ---------------------------------------------------------------- a start a newcomer can read (issue 13)

    /** The most lines a start may print (a first start printed 22 when this was written; the runtime's own were ~560). */
    private static final int MOST_START_LINES = 60;
    /** Swagger UI's path, the same on every server. */
    private static final String UI = "openapi/ui";
    private static final Pattern SUMMARY = Pattern.compile(
            "Tollgate is ready at (http://localhost:\\d+/)\\n  console:  \\1\\n  API docs: \\1" + UI + " ");

    /** The log once the summary block is in it (it follows readiness by a moment), within 60 s. */
    private static String awaitSummary(TollgateServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !SUMMARY.matcher(server.log()).find()) {
            Thread.sleep(250);
        }
        String log = server.log();
        Matcher summary = SUMMARY.matcher(log);
        assertTrue(summary.find(), "no start summary:\n" + log);
        assertEquals(server.base().getPort(), URI.create(summary.group(1)).getPort(), "the summary names the port");
        return log;
    }

    private static void assertReadable(String log) {
        long lines = log.lines().count();
        assertTrue(lines <= MOST_START_LINES, lines + " lines:\n" + log);
        // WildFly names its levels WARN and ERROR (Payara WARNING and SEVERE)
        for (String noise : List.of("no value found", "has expired", "WARNING", "SEVERE", "WARN ", "ERROR")) {
            assertFalse(log.contains(noise), "'" + noise + "' in a normal start:\n" + log);
        }
    }

    private static Api.Reply get(TollgateServer server, String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.base().resolve(path))
                .timeout(Duration.ofSeconds(30));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return Api.send(request.build());
    }

    /**
     * What the summary points at, on a server deployed at / as the README does: the OpenAPI document as
     * UTF-8 YAML, Swagger UI from the WAR reading it without any other host (and obeying the CSP: no inline
     * script), and /metrics answering a JSON-only client with the JSON error body.
     */
    private static void assertApiDocsServedAsTheSummarySays(TollgateServer server) {
        Api.Reply yaml = get(server, "openapi", null);
        assertEquals(200, yaml.status(), yaml::toString);
        assertEquals("application/yaml;charset=UTF-8", yaml.contentType().replace(" ", ""));
        io.tollgate.openapi.OpenApiChecks.validated(yaml.body());
        for (String page : List.of(UI, UI + "/")) {
            Api.Reply reply = get(server, page, "text/html");
            assertEquals(200, reply.status(), page + ": " + reply);
            assertEquals("text/html;charset=UTF-8", reply.contentType().replace(" ", ""), page);
            assertTrue(reply.body().contains("<div id=\"swagger-ui\">"), reply.body());
            assertEquals(io.tollgate.transport.boundary.SecurityHeaders.CONTENT_SECURITY_POLICY,
                    reply.header("Content-Security-Policy"), page);
            assertFalse(reply.body().contains("<script>"), "no inline script: the CSP would refuse it");
        }
        String page = get(server, UI, null).body();
        Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page);
        Map<String, String> types = new java.util.TreeMap<>();
        while (assets.find()) {
            String asset = assets.group(1);
            assertTrue(asset.startsWith("/" + UI + "/"), "every asset comes from this server: " + asset);
            Api.Reply reply = get(server, asset.substring(1), null);
            assertEquals(200, reply.status(), asset);
            assertFalse(reply.body().isEmpty(), asset);
            types.put(asset.substring(asset.lastIndexOf('.') + 1), reply.contentType().replace(" ", ""));
        }
        assertEquals(Map.of("css", "text/css;charset=UTF-8", "js", "text/javascript;charset=UTF-8", "png", "image/png"), types);
        String initializer = get(server, UI + "/swagger-initializer.js", null).body();
        assertTrue(initializer.contains("url: \"/openapi\""), initializer);
        assertTrue(initializer.contains("validatorUrl: null"), "no validator badge from another host: " + initializer);
        for (String served : List.of(page, initializer)) {
            assertFalse(Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+").matcher(served).find(),
                    "no absolute URL to any host: " + served);
        }
        io.tollgate.it.Asserts.assertProblem(get(server, "webjars/swagger-ui/5.34.1/swagger-initializer.js", null), 404, "NOT_FOUND");
        // the WAR's own /metrics on the HTTP port, the same on every server
        io.tollgate.it.Asserts.assertProblem(get(server, "metrics", "application/json"), 406, "NOT_ACCEPTABLE");
        Api.Reply metrics = get(server, "metrics", "text/plain");
        assertEquals(200, metrics.status(), "Prometheus text is what /metrics serves");
        assertTrue(metrics.body().contains("\ntollgate_requests_seconds_count{"), metrics.body());
        assertTrue(metrics.body().contains("\njvm_memory_used_bytes{"), "and the runtime's own meters: " + metrics.body());
    }
}
