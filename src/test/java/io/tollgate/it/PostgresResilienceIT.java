package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.tokens.control.TokenSecrets;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On PostgreSQL: acknowledged writes survive a SIGKILL of the server, a database outage makes
 * the server unready and answer 503 until the database is back, without a restart, and the backup and
 * restore of docs/operations.md, run as written while the server serves, give back every row.
 */
@EnabledIfSystemProperty(named = "tollgate.it.db", matches = "postgresql")
@Tag(RuntimeSubset.TAG)
class PostgresResilienceIT {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final String ROOT = "resilience-root-credential-0123456789abcdef";
    private static final Duration OUTAGE_ANSWER = Duration.ofSeconds(2);

    private final Path dir = Path.of(System.getProperty("tollgate.it.dir"), "pg-" + System.nanoTime());

    /**
     * One server for the outage and the pool-size tests (a start costs more than either test), with
     * the small pool the pool-size test needs; either order works, as the outage test waits until
     * the database is back. Started by the first test that needs it, stopped after the class.
     */
    private static TollgateServer pooled;

    private TollgateServer pooledServer() throws Exception {
        if (pooled == null) {
            pooled = TollgateServer.start(dir.resolve("data"), dir.resolve("pooled.log"),
                    Map.of("TOLLGATE_ROOT_TOKEN", ROOT, "TOLLGATE_DB_POOL_SIZE", "3"));
            assertTrue(pooled.awaitReady(STARTUP), pooled.log());
        }
        return pooled;
    }

    @AfterAll
    static void stopPooledServer() throws Exception {
        if (pooled != null) {
            pooled.close();
        }
    }

    @Test
    void acknowledgedTokensSurviveSigkillAndNoneIsHalfMade() throws Exception {
        String project;
        List<String> brokers;
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        try (TollgateServer server = TollgateServer.start(dir.resolve("data"), dir.resolve("kill.log"),
                Map.of("TOLLGATE_ROOT_TOKEN", ROOT))) {
            assertTrue(server.awaitReady(STARTUP), server.log());
            Api root = server.api(ROOT);
            Fixtures fixtures = new Fixtures(root);
            project = fixtures.project();
            brokers = List.of(fixtures.broker(project), fixtures.broker(project));
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger sequence = new AtomicInteger();
            ExecutorService writers = Executors.newFixedThreadPool(6);
            for (int t = 0; t < 6; t++) {
                writers.submit(() -> {
                    while (running.get()) {
                        String name = "d" + sequence.incrementAndGet();
                        try {
                            Api.Reply reply = root.createToken(project,
                                    Api.TokenSpec.of(name, "editor").restricted(brokers.get(0), brokers.get(1)));
                            if (reply.status() == 200) {
                                acknowledged.put(reply.object().getString("id"), reply.object().getString("token"));
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (RuntimeException connectionLost) {
                            failed.incrementAndGet();
                        }
                    }
                });
            }
            long writing = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (acknowledged.size() < 40 && System.nanoTime() < writing) {
                Thread.sleep(20);
            }
            assertTrue(acknowledged.size() >= 40, "only " + acknowledged.size() + " tokens acknowledged in 120 s");
            server.kill();
            running.set(false);
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));
        }
        String sample = acknowledged.keySet().iterator().next();
        // uses are written only at exit here (the flush interval outlasts the test): SIGTERM must write them
        try (TollgateServer server = TollgateServer.start(dir.resolve("data"), dir.resolve("restart.log"),
                Map.of("TOLLGATE_ROOT_TOKEN", ROOT, "TOLLGATE_USAGE_FLUSH_INTERVAL", "PT1H"))) {
            assertTrue(server.awaitReady(STARTUP), server.log());
            Api root = server.api(ROOT);
            List<JsonObject> stored = root.get("api/projects/" + project + "/tokens").array().getValuesAs(JsonObject.class);
            Set<String> storedIds = ConcurrentHashMap.newKeySet();
            for (JsonObject token : stored) {
                storedIds.add(token.getString("id"));
                assertEquals(Set.copyOf(brokers), Set.copyOf(token.getJsonArray("brokers")
                        .getValuesAs(jakarta.json.JsonString::getString)), "a token is whole or absent");
            }
            List<String> lost = new ArrayList<>(acknowledged.keySet());
            lost.removeAll(storedIds);
            assertEquals(List.of(), lost, "acknowledged tokens lost by the kill");
            for (String secret : acknowledged.values()) {
                assertEquals(200, server.api(secret).get("api/projects/" + project + "/brokers").status());
            }
            System.out.printf("durability: %d acknowledged, %d failed or cut off, %d stored%n",
                    acknowledged.size(), failed.get(), stored.size());
        }
        // the restart server has stopped on SIGTERM; the other server reads the same database
        List<JsonObject> uses = pooledServer().api(ROOT)
                .get("api/projects/" + project + "/tokens/" + sample + "/usage").array().getValuesAs(JsonObject.class);
        assertEquals(1, uses.size(), "the use buffered when SIGTERM came was written: " + uses);
        assertEquals("/api/projects/" + project + "/brokers", uses.get(0).getString("path"));
    }

    @Test
    void databaseOutageMeans503WithinTwoSecondsAndReadinessDownUntilItReturns() throws Exception {
        String pgDir = System.getProperty("tollgate.it.pg-dir");
        String pgPort = System.getProperty("tollgate.it.pg-port");
        {
            TollgateServer server = pooledServer();
            Api root = server.api(ROOT);
            String project = new Fixtures(root).project();
            JsonObject token = new Fixtures(root).token(project, "admin");
            Api tokenApi = root.as(token.getString("token"));
            assertEquals(200, tokenApi.get("api/projects/" + project).status());

            String duringOutage = "during-outage-" + System.nanoTime();
            postgres("kill", pgDir, pgPort);
            try {
                // readiness reuses a probe's answer for half a second (DatabaseProbe), so a probe made just
                // before the kill may still answer UP: the outage must show within two seconds
                long killed = System.nanoTime();
                Api.Reply firstDown = readiness(server);
                while (firstDown.status() == 200 && System.nanoTime() - killed < Duration.ofSeconds(2).toNanos()) {
                    Thread.sleep(50);
                    firstDown = readiness(server);
                }
                assertEquals(503, firstDown.status(), "readiness down within two seconds of the outage: " + firstDown);
                List<String> slow = new ArrayList<>();
                // the first calls meet the pool's broken connections, the later ones an empty pool
                for (int round = 0; round < 4; round++) {
                    Api.Reply ready = timed(slow, "readiness", () -> readiness(server));
                    assertEquals(503, ready.status(), ready::toString);
                    for (Map.Entry<String, Supplier<Api.Reply>> call : List.of(
                            Map.<String, Supplier<Api.Reply>>entry("list as root", () -> root.get("api/projects")),
                            Map.<String, Supplier<Api.Reply>>entry("read as token",
                                    () -> tokenApi.get("api/projects/" + project)),
                            Map.<String, Supplier<Api.Reply>>entry("create as root",
                                    () -> root.createProject(duringOutage)))) {
                        Api.Reply reply = timed(slow, call.getKey(), call.getValue());
                        assertEquals(503, reply.status(), call.getKey() + ": " + reply);
                        assertEquals("SERVICE_UNAVAILABLE", reply.code());
                        assertFalse(reply.body().contains("Exception"), reply.body());
                    }
                }
                assertEquals(List.of(), slow, "answers slower than " + OUTAGE_ANSWER.toMillis() + " ms during the outage");
            } finally {
                postgres("start", pgDir, pgPort);
            }
            assertRecoversWithoutARestart(server, tokenApi, project);
            // names of this run: a database kept from an earlier run has those of that one
            Api.Reply write = root.createProject("after-outage-" + System.nanoTime());
            assertEquals(200, write.status(), write::toString);
            assertTrue(root.get("api/projects").array().stream().map(JsonValue::asJsonObject)
                    .noneMatch(p -> p.getString("name").equals(duringOutage)), "nothing half-done");
            assertTrue(server.log().contains("Database unavailable"));
        }
    }

    /** The most characters a short log line may have (its message, without the server's prefix). */
    private static final int SHORT_LINE = 300;
    /** A stack frame, or a trace's "Caused by" and "... N more" lines, in any server's format. */
    private static final Pattern TRACE_LINE =
            Pattern.compile("^\\s+(at \\S+\\(.*\\)|\\.\\.\\. \\d+ more)$|^Caused by: .*");
    /** Where a record of Payara's (ODL) or WildFly's log format (console: time only; file: date and time) begins. */
    private static final Pattern RECORD_START = Pattern.compile("^\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d|^\\d{2}:\\d{2}:\\d{2},\\d{3} ");
    /** The prefix before a record's message: Payara's bracketed fields, WildFly's time, level, logger and thread. */
    private static final Pattern RECORD_PREFIX = Pattern.compile(
            "^\\[[^\\n]*?\\[levelValue: \\d+\\]\\s*(\\[\\[\\s*)?|^(\\d{4}-\\d{2}-\\d{2} )?\\d{2}:\\d{2}:\\d{2},\\d{3} +\\w+ +\\[[^\\]]*\\] \\([^)]*\\) ");

    /**
     * Spec section 8: during an outage every failing request logs at most one short line, and the
     * outage at most one stack trace. Requests of every kind that meets the database: a project token,
     * a forged token, a person's JWT, root, a leak report and a login. Measured before: a 1.4 s outage
     * with 7 requests wrote 140 KB of log with 1 046 stack-trace lines.
     */
    @Test
    void databaseOutageLogsOneStackTraceAtMostAndOneShortLinePerFailingRequest() throws Exception {
        String pgDir = System.getProperty("tollgate.it.pg-dir");
        String pgPort = System.getProperty("tollgate.it.pg-port");
        TollgateServer server = pooledServer();
        Api root = server.api(ROOT);
        Fixtures fixtures = new Fixtures(root);
        String project = fixtures.project();
        Api tokenApi = root.as(fixtures.secret(project, "admin"));
        String username = Fixtures.unique("outage");
        String password = "a-long-enough-password-" + System.nanoTime();
        assertEquals(200, root.createUser(username, password).status());
        assertEquals(200, root.putMember(project, username, "viewer").status());
        Api person = root.as(root.login(username, password).object().getString("token"));
        assertEquals(200, person.get("api/projects/" + project).status());
        Api forged = root.as(TokenSecrets.mint()); // well-formed, so that it is looked up
        Api anonymous = root.anonymous();
        List<Map.Entry<String, Supplier<Api.Reply>>> calls = List.of(
                Map.entry("a project token", () -> tokenApi.get("api/projects/" + project)),
                Map.entry("a forged token", () -> forged.get("api/projects/" + project)),
                Map.entry("a person's JWT", () -> person.get("api/projects/" + project)),
                Map.entry("root", () -> root.get("api/projects")),
                Map.entry("a leak report", () -> anonymous.post("api/tokens/leaks", Api.object()
                        .add("tokens", Json.createArrayBuilder().add(TokenSecrets.mint())).add("source", "outage test"))),
                Map.entry("a login", () -> root.login(username, password)));
        String before = ServerLogs.settled(server::log);
        int requests = 0;
        postgres("kill", pgDir, pgPort);
        try {
            long killed = System.nanoTime();
            while (readiness(server).status() == 200 && System.nanoTime() - killed < Duration.ofSeconds(2).toNanos()) {
                Thread.sleep(50);
            }
            for (int round = 0; round < 3; round++) {
                for (Map.Entry<String, Supplier<Api.Reply>> call : calls) {
                    Api.Reply reply = call.getValue().get();
                    requests++;
                    assertEquals(503, reply.status(), call.getKey() + " during the outage: " + reply);
                }
            }
        } finally {
            postgres("start", pgDir, pgPort);
        }
        assertRecoversWithoutARestart(server, tokenApi, project);
        String outage = ServerLogs.settled(server::log).substring(before.length())
                .replaceAll("\u001B\\[[0-9;]*m", "");
        List<String> records = new ArrayList<>();
        for (String line : outage.split("\n")) {
            if (RECORD_START.matcher(line).find() || records.isEmpty()) {
                records.add(line);
            } else {
                records.set(records.size() - 1, records.get(records.size() - 1) + "\n" + line);
            }
        }
        records.removeIf(String::isBlank);
        List<String> traced = records.stream()
                .filter(record -> record.lines().anyMatch(line -> TRACE_LINE.matcher(line).find())).toList();
        List<String> long_ = records.stream().filter(record -> !traced.contains(record))
                .map(record -> RECORD_PREFIX.matcher(record).replaceFirst("").replaceAll("\\s*\\]\\]\\s*$", "").strip())
                .filter(message -> message.length() > SHORT_LINE || message.contains("\n")).toList();
        System.out.printf("outage log: %d requests, %d records, %d characters, %d with a stack trace%n",
                requests, records.size(), outage.length(), traced.size());
        assertTrue(traced.size() <= 1, traced.size() + " stack traces in the outage's log:\n" + outage);
        assertEquals(List.of(), long_, "log lines longer than " + SHORT_LINE + " characters or of several lines");
        // per outage, not per request: the token cache's listener says once that it stopped listening
        // (PostgreSQL only; its cache is distrusted meanwhile) and once that it listens again
        long listener = records.stream().filter(record -> record.contains("InvalidationListener")).count();
        assertTrue(listener <= 2, listener + " lines of the invalidation listener:\n" + outage);
        assertTrue(records.size() - listener <= requests + 1,
                records.size() + " log records for " + requests + " requests:\n" + outage);
    }

    @Test
    void poolSizeComesFromTollgateDbPoolSize() throws Exception {
        {
            TollgateServer server = pooledServer();
            Api root = server.api(ROOT);
            ExecutorService load = Executors.newFixedThreadPool(24);
            AtomicBoolean running = new AtomicBoolean(true);
            for (int i = 0; i < 24; i++) {
                load.submit(() -> {
                    while (running.get()) {
                        root.get("api/projects");
                    }
                });
            }
            Thread.sleep(3000);
            int connections = Integer.parseInt(psql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'tollgate' "
                    + "AND application_name <> 'psql' AND application_name NOT LIKE 'tollgate invalidation%'").strip());
            running.set(false);
            load.shutdown();
            assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));
            assertTrue(connections >= 1 && connections <= 3, connections + " connections under load");
        }
    }

    /**
     * Issue 23: a refused password ends the start within a minute, with one line naming the user, the
     * server and the variable to correct, no stack trace and a non-zero exit status (Payara); the driver's
     * exception is in the log file the console names. On WildFly
     * Hibernate opens the database while WildFly deploys the WAR, before any code of the application
     * runs: the deployment fails with WildFly's own report, and WildFly stays up without the application.
     */
    @Test
    void aRefusedPasswordEndsTheStartWithOneLineNamingTheUserTheServerAndTheVariable() throws Exception {
        String wrong = "not-the-password-" + System.nanoTime();
        try (TollgateServer server = TollgateServer.start(dir.resolve("refused-data"), dir.resolve("refused.log"),
                Map.of("TOLLGATE_DB_PASSWORD", wrong))) {
            long started = System.nanoTime();
            assertTrue(server.awaitFailedStart(Servers.wildfly() ? STARTUP : Duration.ofSeconds(60)),
                    "a refused password must end the start within 60 s:\n" + server.log());
            String log = server.log();
            assertFalse(log.contains(wrong), "the password is never echoed");
            if (Servers.wildfly()) {
                return;
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 60);
            assertTrue(log.contains("Tollgate cannot start: the database refused the password for user tollgate"
                    + " (PostgreSQL database tollgate at 127.0.0.1:" + System.getProperty("tollgate.it.pg-port")
                    + "): check TOLLGATE_DB_PASSWORD and TOLLGATE_DB_USER"), log);
            assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
            assertEquals(78, server.process().exitValue(), "EX_CONFIG");
            // the detail is in the log file the console names, the password is not
            assertTrue(log.contains("\n  details: " + server.logFile()), log);
            String file = Files.readString(server.logFile());
            assertTrue(file.contains("password authentication failed for user \"tollgate\""), file);
            assertTrue(file.contains("\tat "), "the stack trace in the file:\n" + file);
            assertFalse(file.contains(wrong), "the password is never written to the log file");
        }
    }

    /** Where docs/operations.md's PostgreSQL backup block is, between these two lines. */
    private static final String BACKUP_BLOCK_START = "<!-- postgres-backup";
    private static final String BACKUP_BLOCK_END = "<!-- /postgres-backup -->";
    private static final String RESTORED = "tollgate_restored";

    /**
     * Issue 23: docs/operations.md's PostgreSQL backup and restore, its block read from the doc and run
     * as written (only {@code HOST} replaced; the port and password from {@code PGPORT} and
     * {@code PGPASSWORD}, which the commands honour), with the client tools of the server's version (found
     * as scripts/postgres.sh finds the server's), against the database of the suite's running server,
     * which answers throughout. Then every table of the restored database holds the same rows as the
     * original's (Flyway's history included, so a server started on it finds its schema current) and the
     * sequences are where they were. No server is started on the restored database: row-for-row
     * identity of every table is what such a start would rely on, and a start costs each PostgreSQL
     * cell of CI about 25 s.
     */
    @Test
    void theDocsPostgresqlBackupRunsWhileTheServerServesAndRestoresEveryRow() throws Exception {
        TollgateServer server = pooledServer();
        Api root = server.api(ROOT);
        Fixtures fixtures = new Fixtures(root);
        String project = fixtures.project();
        String broker = fixtures.broker(project);
        JsonObject token = fixtures.token(project, "editor", broker);
        JsonObject rotated = fixtures.token(project, "viewer");
        assertEquals(200, root.post(Api.token(project, rotated.getString("id")) + "/rotate", Api.object()).status());
        String username = Fixtures.unique("backup");
        assertEquals(200, root.createUser(username, "a-long-enough-password-" + System.nanoTime()).status());
        assertEquals(200, root.putMember(project, username, "viewer").status());
        Api tokenApi = root.as(token.getString("token"));
        assertEquals(200, tokenApi.get("api/projects/" + project + "/brokers").status());
        // the use is buffered: once it is listed it is written, and nothing else is left to write
        awaitUsage(root, project, token.getString("id"));

        Path work = Files.createDirectories(dir.resolve("backup"));
        String block = backupBlock().replaceAll("\\bHOST\\b", "127.0.0.1");
        psql("postgres", "DROP DATABASE IF EXISTS " + RESTORED + " WITH (FORCE)");
        // the server keeps answering while the block runs: reads only, which write nothing
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> unanswered = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger answered = new AtomicInteger();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        reader.submit(() -> {
            while (running.get()) {
                try {
                    Api.Reply reply = root.get("api/projects/" + project + "/tokens");
                    if (reply.status() == 200) {
                        answered.incrementAndGet();
                    } else {
                        unanswered.add(reply.toString());
                    }
                } catch (RuntimeException refused) {
                    unanswered.add(refused.toString());
                }
            }
            return null;
        });
        int before;
        String output;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (answered.get() == 0 && unanswered.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            before = answered.get();
            output = runBlock(block, work);
        } finally {
            running.set(false);
            reader.shutdown();
            assertTrue(reader.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), unanswered, "the server answers while the backup runs");
        assertTrue(answered.get() > before, "no answer while the backup ran");
        assertTrue(server.process().isAlive(), "the same server, still running");
        System.out.printf("backup: the block ran while the server answered %d reads; its output: %s%n",
                answered.get() - before, output.isBlank() ? "none" : output);

        // compared at once: nothing of the server's is left to write (its only writer, the usage buffer, is empty)
        List<String> tables = List.of(psql("tollgate",
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").strip().split("\n"));
        assertTrue(tables.containsAll(List.of("audit_events", "flyway_schema_history", "memberships",
                "project_tokens", "projects", "retired_token_secrets", "token_brokers", "token_usage_chunks", "users")), tables::toString);
        assertEquals(tables, List.of(psql(RESTORED,
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").strip().split("\n")));
        List<String> differing = new ArrayList<>();
        int rows = 0;
        for (String table : tables) {
            String select = "SELECT t::text FROM " + table + " t ORDER BY 1";
            String original = psql("tollgate", select);
            String restored = psql(RESTORED, select);
            rows += (int) original.lines().count();
            if (!original.equals(restored)) {
                differing.add(table + ": only in the original " + onlyIn(original, restored)
                        + ", only in the restored " + onlyIn(restored, original));
            }
        }
        String sequences = "SELECT sequencename || ' ' || last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1";
        assertEquals(psql("tollgate", sequences), psql(RESTORED, sequences), "the sequences continue where they were");
        assertEquals(List.of(), differing, "tables whose rows differ after the restore");
        for (String table : List.of("projects", "project_tokens", "audit_events", "token_usage_chunks", "retired_token_secrets")) {
            assertTrue(psql(RESTORED, "SELECT count(*) FROM " + table).strip().matches("[1-9]\\d*"), table + " is empty");
        }
        System.out.printf("backup: %d tables, %d rows, the same in %s%n", tables.size(), rows, RESTORED);
    }

    /** The lines of the docs' block, read from docs/operations.md now, so that the test runs what the doc says. */
    private static String backupBlock() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("docs/operations.md"));
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(BACKUP_BLOCK_START)) {
                assertEquals(-1, start, "one block marked " + BACKUP_BLOCK_START + " in docs/operations.md");
                start = i;
            } else if (lines.get(i).equals(BACKUP_BLOCK_END)) {
                end = i;
            }
        }
        assertTrue(start >= 0 && end > start, "no block marked " + BACKUP_BLOCK_START + " in docs/operations.md");
        List<String> fenced = lines.subList(start + 1, end);
        assertTrue(fenced.size() > 2 && fenced.get(0).equals("```sh") && fenced.get(fenced.size() - 1).equals("```"),
                "the marked lines are one sh block: " + fenced);
        String block = String.join("\n", fenced.subList(1, fenced.size() - 1));
        for (String command : List.of("pg_dump ", "createdb ", "pg_restore ")) {
            assertTrue(block.contains(command), "the block runs " + command + ": " + block);
        }
        return block;
    }

    /** Runs {@code block} in {@code work} under {@code set -euo pipefail}; its output, or an error with it. */
    private static String runBlock(String block, Path work) throws Exception {
        Path out = work.resolve("block.out");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -euo pipefail\n"
                // the newest server's binaries, as scripts/postgres.sh picks them, come with its client tools
                + "PATH=\"$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1):$PATH\"\n" + block + "\n")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("PG"));
        builder.environment().put("PGPORT", System.getProperty("tollgate.it.pg-port"));
        builder.environment().put("PGPASSWORD", System.getenv().getOrDefault("TOLLGATE_DB_PASSWORD", "tollgate"));
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the backup block did not finish within 120 s: " + Files.readString(out));
        }
        String output = Files.readString(out);
        assertEquals(0, process.exitValue(), "the backup block failed:\n" + block + "\n" + output);
        assertTrue(Files.size(work.resolve("tollgate.dump")) > 0, "the dump is empty");
        return output.strip();
    }

    /** Waits until the token's use is listed, that is written by the usage buffer. */
    private static void awaitUsage(Api root, String project, String tokenId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (root.get("api/projects/" + project + "/tokens/" + tokenId + "/usage").array().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the use was not written within 30 s");
            Thread.sleep(200);
        }
    }

    /** At most five lines of {@code text} that {@code other} lacks. */
    private static List<String> onlyIn(String text, String other) {
        Set<String> others = Set.copyOf(other.lines().toList());
        return text.lines().filter(line -> !others.contains(line)).limit(5).toList();
    }

    /** The output of {@code sql} on {@code database}, as the superuser; an error if psql fails. */
    private static String psql(String database, String sql) throws Exception {
        Path out = Files.createTempFile("psql", ".out");
        try {
            Process process = new ProcessBuilder("su", "postgres", "-s", "/bin/bash", "-c",
                    "psql -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p " + System.getProperty("tollgate.it.pg-port")
                            + " -U postgres -d " + database + " -tAc \"" + sql + "\"")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("psql did not answer within 30 s");
            }
            String output = Files.readString(out);
            assertEquals(0, process.exitValue(), "psql on " + database + ": " + sql + "\n" + output);
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String psql(String sql) throws Exception {
        return psql("tollgate", sql);
    }

    /** The reply, noting in {@code slow} what took longer than an answer during an outage may. */
    private static Api.Reply timed(List<String> slow, String what, Supplier<Api.Reply> call) {
        long start = System.nanoTime();
        Api.Reply reply = call.get();
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.printf("outage: %s answered %d in %d ms%n", what, reply.status(), millis);
        if (millis > OUTAGE_ANSWER.toMillis()) {
            slow.add(what + " took " + millis + " ms");
        }
        return reply;
    }

    private static Api.Reply readiness(TollgateServer server) {
        return Api.send(HttpRequest.newBuilder(server.monitoring().resolve("health/ready"))
                .timeout(Duration.ofSeconds(10)).build());
    }

    /** Once the database is back: readiness UP again within a minute, and the token answers, with no restart. */
    private static void assertRecoversWithoutARestart(TollgateServer server, Api tokenApi, String project)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (readiness(server).status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(200, readiness(server).status(), "ready again without a restart");
        assertEquals(200, tokenApi.get("api/projects/" + project).status());
    }

    private static void postgres(String command, String dataDir, String port) throws Exception {
        Process process = new ProcessBuilder("scripts/postgres.sh", command, dataDir, port).inheritIO().start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("postgres.sh " + command + " did not finish within 120 s");
        }
        assertEquals(0, process.exitValue(), "postgres.sh " + command);
    }

}
