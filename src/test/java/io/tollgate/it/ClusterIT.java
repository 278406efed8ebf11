package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two plain nodes on one PostgreSQL (on Payara Micro, or on WildFly with {@code mvn verify -Pwildfly}),
 * whose token caches are invalidated through PostgreSQL's {@code LISTEN/NOTIFY}: a token revoked on one
 * is refused by the other within a second, so is a token suspended on one, a previous secret whose
 * grace ended, and every token of a deleted project; a node whose listening connection dropped (and
 * so missed notifications) refuses a token revoked meanwhile within a second too, and caches again
 * once it listens again; an MQTT client's checks on the node it did not connect through see the end of
 * the secret it connected with; the survivor serves everything when the other dies.
 */
@EnabledIfSystemProperty(named = "tollgate.it.db", matches = "postgresql")
@Tag(RuntimeSubset.TAG)
class ClusterIT {

    private static final Duration STARTUP = Duration.ofSeconds(420); // two nodes starting at once on a shared 2-core machine
    private static final String ROOT = "cluster-root-credential-0123456789abcdef";
    private static final String LISTENING = "Token cache invalidation is cluster-wide (PostgreSQL LISTEN/NOTIFY)";
    private static final String LISTENING_AGAIN = "Token cache invalidation is cluster-wide again (PostgreSQL LISTEN/NOTIFY)";
    /** How long a node waits before it connects again after its listening connection dropped (InvalidationListener). */
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final Path dir = Path.of(System.getProperty("tollgate.it.dir"), "cluster-" + System.nanoTime());

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // two server starts of up to 7 min each, then the scenario
    void revocationOnOneNodeReachesTheOtherAndTheSurvivorServesAlone() throws Exception {
        Map<String, String> env = Map.of("TOLLGATE_ROOT_TOKEN", ROOT);
        // one data directory: both nodes sign session JWTs with the one key generated there
        // and a log file each (INFO, such as the listener's lines, goes to the file only)
        try (TollgateServer a = TollgateServer.start(dir.resolve("data"), dir.resolve("a.log"),
                     withLogs(env, dir.resolve("a-logs")));
             TollgateServer b = TollgateServer.start(dir.resolve("data"), dir.resolve("b.log"),
                     withLogs(env, dir.resolve("b-logs")))) {
            assertTrue(a.awaitReady(STARTUP), a.log());
            assertTrue(b.awaitReady(STARTUP), b.log());
            assertNoUdpNorOutsideLoopback(a, b);
            awaitLog(a, LISTENING, 1);
            awaitLog(b, LISTENING, 1);

            Api rootA = a.api(ROOT);
            Fixtures fixtures = new Fixtures(rootA);
            String project = fixtures.project();
            JsonObject token = fixtures.token(project, "viewer");
            Api onB = b.api(token.getString("token"));
            assertEquals(200, onB.get("api/projects/" + project).status(), "created on A, works on B");

            assertEquals(200, rootA.delete("api/projects/" + project + "/tokens/" + token.getString("id")).status());
            long deleted = System.nanoTime();
            long delayMillis = awaitRefusal(onB, project, "revoked", deleted);
            System.out.println("cluster: token deleted on node A was refused on node B after " + delayMillis + " ms");
            // node B caches the token with no expiry: only the invalidation can make it refuse the token
            assertTrue(delayMillis >= 0 && delayMillis < 1_000, "revocation delay " + delayMillis + " ms");

            suspensionAndTheEndOfAGraceReachTheOtherNodeWithinASecond(b, rootA);
            aDeletedProjectsTokensAreRefusedOnTheOtherNodeWithinASecond(b, rootA);
            aNodeThatMissedNotificationsServesNoStaleTokenAndCachesAgainOnceItListens(b, rootA);
            brokerChecksOnTheOtherNodeFollowEveryChangeWithinASecond(b, rootA);
            aClientsChecksOnTheOtherNodeSeeTheEndOfTheSecretItConnectedWith(a, b, rootA);

            String login = fixtures.unique("u");
            assertEquals(200, rootA.createUser(login, "a-long-password").status());
            String jwt = a.api(null).login(login, "a-long-password")
                    .object().getString("token");
            assertEquals(200, b.api(jwt).get("api/auth/whoami").status(), "a session from A works on B");

            a.kill();
            Api rootB = b.api(ROOT);
            Api.Reply ready = Api.send(HttpRequest.newBuilder(b.monitoring().resolve("health/ready")).build());
            assertEquals(200, ready.status(), ready::toString);
            String survivorProject = new Fixtures(rootB).project();
            String secret = new Fixtures(rootB).secret(survivorProject, "admin");
            assertEquals(200, b.api(secret).get("api/projects/" + survivorProject + "/tokens").status());
            assertEquals(200, rootB.get("api/projects/" + project).status());
        }
    }

    /**
     * Spec section 6 on two nodes: a suspension on node A is refused on node B (which had cached the
     * token) within a second; and a previous secret that B had cached during its grace is refused on B
     * within a second of the grace's end, with no event at that moment (the cached entry knows the end).
     */
    private static void suspensionAndTheEndOfAGraceReachTheOtherNodeWithinASecond(TollgateServer b, Api rootA)
            throws Exception {
        Fixtures fixtures = new Fixtures(rootA);
        String project = fixtures.project();
        JsonObject token = fixtures.token(project, "viewer");
        Api onB = b.api(token.getString("token"));
        assertEquals(200, onB.get("api/projects/" + project).status(), "cached on B");
        assertEquals(200, rootA.post("api/projects/" + project + "/tokens/" + token.getString("id") + "/suspend",
                Api.object().add("reason", "cluster test")).status());
        long suspended = System.nanoTime();
        long delayMillis = awaitRefusal(onB, project, "suspended", suspended);
        System.out.println("cluster: token suspended on node A was refused on node B after " + delayMillis + " ms");
        assertTrue(delayMillis >= 0 && delayMillis < 1_000, "suspension delay " + delayMillis + " ms");

        JsonObject rotating = fixtures.token(project, "viewer");
        Api.Reply rotated = rootA.post("api/projects/" + project + "/tokens/" + rotating.getString("id") + "/rotate",
                Api.object().add("grace_seconds", 8));
        assertEquals(200, rotated.status(), rotated::toString);
        long until = rotated.object().getJsonNumber("previous_valid_until").longValue();
        Api oldOnB = b.api(rotating.getString("token"));
        // 8 s of grace leave room for this one request on a loaded machine; B now caches the old secret
        assertEquals(200, oldOnB.get("api/projects/" + project).status(), "the old secret in its grace, on B");
        Thread.sleep(Math.max(0, until - System.currentTimeMillis()));
        long ended = System.nanoTime() - Math.max(0, System.currentTimeMillis() - until) * 1_000_000;
        long graceDelay = awaitRefusal(oldOnB, project, "rotated", ended);
        System.out.println("cluster: the end of a grace window was observed on node B after " + graceDelay + " ms");
        assertTrue(graceDelay >= 0 && graceDelay < 1_000, "end of grace delay " + graceDelay + " ms");
        assertEquals(200, b.api(rotated.object().getString("token")).get("api/projects/" + project).status());
    }

    /** A project's deletion invalidates every cached token on the other node (the notification names no token). */
    private static void aDeletedProjectsTokensAreRefusedOnTheOtherNodeWithinASecond(TollgateServer b, Api rootA)
            throws Exception {
        String project = new Fixtures(rootA).project();
        Api onB = b.api(new Fixtures(rootA).secret(project, "viewer"));
        assertEquals(200, onB.get("api/projects/" + project).status(), "cached on B");
        assertEquals(200, rootA.deleteProject(project).status());
        long deleted = System.nanoTime();
        long delayMillis = awaitRefusal(onB, project, "revoked", deleted);
        System.out.println("cluster: a token of a project deleted on node A was refused on node B after " + delayMillis + " ms");
        assertTrue(delayMillis >= 0 && delayMillis < 1_000, "project deletion delay " + delayMillis + " ms");
    }

    /**
     * Node B's listening connection is terminated by the database (as a failover or an administrator
     * would), and a token B had cached is deleted on A while B cannot have listened again (B waits
     * {@link #FIRST_RETRY} before it reconnects): B never receives that notification, and refuses the
     * token within a second all the same, as it stopped trusting its cache when the connection dropped.
     * Once B listens again (its log says so), it caches again (a change made behind Tollgate's back,
     * with no notification, is not seen) and a revocation on A reaches it within a second.
     */
    private static void aNodeThatMissedNotificationsServesNoStaleTokenAndCachesAgainOnceItListens(TollgateServer b, Api rootA)
            throws Exception {
        Fixtures fixtures = new Fixtures(rootA);
        String project = fixtures.project();
        boolean missed = false;
        for (int attempt = 1; attempt <= 3 && !missed; attempt++) {
            JsonObject token = fixtures.token(project, "viewer");
            Api onB = b.api(token.getString("token"));
            assertEquals(200, onB.get("api/projects/" + project).status(), "cached on B");
            int relistened = count(b.logFileText(), LISTENING_AGAIN);
            long terminated;
            try (Connection database = database()) {
                terminated = System.nanoTime();
                assertEquals(1, terminateListener(database, b), "node B's listening connection, and only it, was terminated");
            }
            assertEquals(200, rootA.deleteToken(project, token.getString("id")).status());
            long deleted = System.nanoTime();
            long delayMillis = awaitRefusal(onB, project, "revoked", deleted);
            missed = deleted - terminated < FIRST_RETRY.toNanos();
            System.out.println("cluster: with its listening connection dropped " + (deleted - terminated) / 1_000_000
                    + " ms before, node B refused a token deleted on node A after " + delayMillis + " ms"
                    + (missed ? "" : " (B may have listened again before the delete: tried again)"));
            assertTrue(delayMillis >= 0 && delayMillis < 1_000, "missed revocation delay " + delayMillis + " ms");
            awaitLog(b, LISTENING_AGAIN, relistened + 1);
        }
        assertTrue(missed, "the delete never came within " + FIRST_RETRY.toMillis() + " ms of the termination");

        JsonObject token = fixtures.token(project, "viewer");
        Api onB = b.api(token.getString("token"));
        assertEquals(200, onB.get("api/projects/" + project).status(), "cached on B");
        suspendBehindTollgatesBack(token.getString("id"));
        assertEquals(200, onB.get("api/projects/" + project).status(), "node B serves its cached lookup again");
        assertEquals(200, rootA.deleteToken(project, token.getString("id")).status());
        long deleted = System.nanoTime();
        long delayMillis = awaitRefusal(onB, project, "revoked", deleted);
        System.out.println("cluster: listening again, node B refused a token deleted on node A after " + delayMillis + " ms");
        assertTrue(delayMillis >= 0 && delayMillis < 1_000, "revocation delay after listening again " + delayMillis + " ms");
    }

    /**
     * Spec section 9 on two nodes: a broker asking node B (EMQX's contract, the same decision as every
     * other contract's) sees a token deleted on node A at its next connect and its next publish check
     * within a second, a hook key replaced on node A answers 404 on node B within a second, and a change
     * of a token's {@code mqtt_rules} on node A applies to node B's next publish check within a second.
     */
    private static void brokerChecksOnTheOtherNodeFollowEveryChangeWithinASecond(TollgateServer b, Api rootA)
            throws Exception {
        Fixtures fixtures = new Fixtures(rootA);
        String project = fixtures.project();
        String broker = fixtures.broker(project);
        Api.Reply created = rootA.send("POST", Api.broker(project, broker) + "/hook-key", null, null);
        assertEquals(200, created.status(), created::toString);
        String key = created.object().getString("hook_key");
        JsonObject token = fixtures.token(project, "editor");
        String id = token.getString("id");
        String connect = Json.createObjectBuilder().add("username", id).add("password", token.getString("token"))
                .add("clientid", "cluster-device").add("peerhost", "127.0.0.1").build().toString();
        String publish = Json.createObjectBuilder().add("username", id).add("clientid", "cluster-device")
                .add("peerhost", "127.0.0.1").add("action", "publish").add("topic", "devices/1/state")
                .add("qos", "1").add("retain", "false").build().toString();
        Api hooksOnB = b.api(null);
        assertEquals("allow", emqx(hooksOnB, key, "authn", connect).object().getString("result"), "connect checked on B");
        assertEquals("allow", emqx(hooksOnB, key, "authz", publish).object().getString("result"), "publish checked on B");

        assertEquals(200, rootA.deleteToken(project, id).status());
        long deleted = System.nanoTime();
        long publishDelay = awaitBrokerAnswer(() -> emqx(hooksOnB, key, "authz", publish), "deny", deleted);
        long connectDelay = awaitBrokerAnswer(() -> emqx(hooksOnB, key, "authn", connect), "deny", deleted);
        System.out.println("cluster: token deleted on node A was refused by broker checks on node B after "
                + publishDelay + " ms (publish), " + connectDelay + " ms (connect)");
        assertTrue(publishDelay >= 0 && publishDelay < 1_000, "publish check revocation delay " + publishDelay + " ms");
        assertTrue(connectDelay >= 0 && connectDelay < 1_000, "connect check revocation delay " + connectDelay + " ms");

        JsonObject other = fixtures.token(project, "editor");
        String otherConnect = Json.createObjectBuilder().add("username", other.getString("id"))
                .add("password", other.getString("token"))
                .add("clientid", "cluster-device").add("peerhost", "127.0.0.1").build().toString();
        assertEquals("allow", emqx(hooksOnB, key, "authn", otherConnect).object().getString("result"), "key cached on B");
        Api.Reply replaced = rootA.send("POST", Api.broker(project, broker) + "/hook-key", null, null);
        assertEquals(200, replaced.status(), replaced::toString);
        long replacedAt = System.nanoTime();
        long keyDelay = -1;
        while (System.nanoTime() - replacedAt < Duration.ofSeconds(20).toNanos()) {
            if (emqx(hooksOnB, key, "authn", otherConnect).status() == 404) {
                keyDelay = (System.nanoTime() - replacedAt) / 1_000_000;
                break;
            }
            Thread.sleep(5);
        }
        System.out.println("cluster: a hook key replaced on node A answered 404 on node B after " + keyDelay + " ms");
        assertTrue(keyDelay >= 0 && keyDelay < 1_000, "hook key replacement delay " + keyDelay + " ms");
        String newKey = replaced.object().getString("hook_key");
        assertEquals("allow", emqx(hooksOnB, newKey, "authn", otherConnect).object().getString("result"), "the new key on B");

        String otherPublish = publish.replace(id, other.getString("id"));
        assertEquals("allow", emqx(hooksOnB, newKey, "authz", otherPublish).object().getString("result"), "cached on B");
        Api.Reply narrowed = rootA.send("PATCH", Api.token(project, other.getString("id")),
                "{\"mqtt_rules\":[{\"effect\":\"allow\",\"action\":\"subscribe\",\"filter\":\"#\"}]}", "application/json");
        assertEquals(200, narrowed.status(), narrowed::toString);
        long patched = System.nanoTime();
        long rulesDelay = awaitBrokerAnswer(() -> emqx(hooksOnB, newKey, "authz", otherPublish), "deny", patched);
        System.out.println("cluster: mqtt_rules changed on node A applied to publish checks on node B after " + rulesDelay + " ms");
        assertTrue(rulesDelay >= 0 && rulesDelay < 1_000, "rules change delay " + rulesDelay + " ms");
    }

    /**
     * Spec section 9 across nodes: a client's publish checks on node B judge the secret it connected
     * with through node A (the rows of {@code mqtt_clients}, shared through the database). A client
     * that connected with the then current secret, and one that connected with the previous secret
     * during a rotation's grace, are both refused on B (EMQX: deny; go-auth: {@code rotated}) within a
     * second of the grace's end, though B never saw their connects, and though B had judged them before.
     */
    private static void aClientsChecksOnTheOtherNodeSeeTheEndOfTheSecretItConnectedWith(TollgateServer a,
            TollgateServer b, Api rootA) throws Exception {
        Fixtures fixtures = new Fixtures(rootA);
        String project = fixtures.project();
        String broker = fixtures.broker(project);
        Api.Reply created = rootA.send("POST", Api.broker(project, broker) + "/hook-key", null, null);
        assertEquals(200, created.status(), created::toString);
        String key = created.object().getString("hook_key");
        JsonObject token = fixtures.token(project, "editor");
        String id = token.getString("id");
        String first = token.getString("token");
        Api hooksOnA = a.api(null);
        Api hooksOnB = b.api(null);

        // through A with the current secret; B judges both clients (and so knows their rows, or that there is none)
        assertEquals("allow", result(emqx(hooksOnA, key, "authn", emqxConnect(id, first, "held"))));
        assertEquals("ok", goAuth(goAuth(hooksOnA, key, "user", goAuthConnect(id, first, "go-held"))));
        for (String client : List.of("held", "old")) {
            assertEquals("allow", result(emqx(hooksOnB, key, "authz", emqxPublish(id, client))), client + " on B");
        }
        for (String client : List.of("go-held", "go-old")) {
            assertEquals("ok", goAuth(goAuth(hooksOnB, key, "acl", goAuthPublish(id, client))), client + " on B");
        }

        // rotated on A; during the grace two more clients connect through A with the previous secret
        Api.Reply rotated = rootA.post(Api.token(project, id) + "/rotate", Api.object().add("grace_seconds", 10));
        assertEquals(200, rotated.status(), rotated::toString);
        long until = rotated.object().getJsonNumber("previous_valid_until").longValue();
        assertEquals("allow", result(emqx(hooksOnA, key, "authn", emqxConnect(id, first, "old"))));
        assertEquals("ok", goAuth(goAuth(hooksOnA, key, "user", goAuthConnect(id, first, "go-old"))));
        for (String client : List.of("held", "old")) {
            assertEquals("allow", result(emqx(hooksOnB, key, "authz", emqxPublish(id, client))), client + ", grace, on B");
        }
        for (String client : List.of("go-held", "go-old")) {
            assertEquals("ok", goAuth(goAuth(hooksOnB, key, "acl", goAuthPublish(id, client))), client + ", grace, on B");
        }
        assertTrue(System.currentTimeMillis() < until, "the grace outlived the checks during it; make it longer");

        Thread.sleep(Math.max(0, until - System.currentTimeMillis()));
        long ended = System.nanoTime() - Math.max(0, System.currentTimeMillis() - until) * 1_000_000;
        long held = awaitBrokerAnswer(() -> emqx(hooksOnB, key, "authz", emqxPublish(id, "held")), "deny", ended);
        long old = awaitBrokerAnswer(() -> emqx(hooksOnB, key, "authz", emqxPublish(id, "old")), "deny", ended);
        long goHeld = awaitGoAuthRefusal(() -> goAuth(hooksOnB, key, "acl", goAuthPublish(id, "go-held")), ended);
        long goOld = awaitGoAuthRefusal(() -> goAuth(hooksOnB, key, "acl", goAuthPublish(id, "go-old")), ended);
        System.out.println("cluster: clients that connected through node A were refused by publish checks on node B "
                + "after the grace's end: on the secret rotated after the connect " + held + " ms (EMQX), " + goHeld
                + " ms (go-auth, rotated); on the previous secret during its grace " + old + " ms (EMQX), " + goOld
                + " ms (go-auth, rotated)");
        for (long delay : List.of(held, old, goHeld, goOld)) {
            assertTrue(delay >= 0 && delay < 1_000, "delay after the grace's end " + delay + " ms");
        }

        // connected again through A with the new secret: B follows the client's row at once
        String second = rotated.object().getString("token");
        assertEquals("allow", result(emqx(hooksOnA, key, "authn", emqxConnect(id, second, "held"))));
        assertEquals("ok", goAuth(goAuth(hooksOnA, key, "user", goAuthConnect(id, second, "go-held"))));
        assertEquals("allow", result(emqx(hooksOnB, key, "authz", emqxPublish(id, "held"))), "the new secret, on B");
        assertEquals("ok", goAuth(goAuth(hooksOnB, key, "acl", goAuthPublish(id, "go-held"))), "the new secret, on B");
    }

    private static String emqxConnect(String id, String secret, String client) {
        return Json.createObjectBuilder().add("username", id).add("password", secret).add("clientid", client)
                .add("peerhost", "127.0.0.1").build().toString();
    }

    private static String emqxPublish(String id, String client) {
        return Json.createObjectBuilder().add("username", id).add("clientid", client).add("peerhost", "127.0.0.1")
                .add("action", "publish").add("topic", "devices/1/state").add("qos", "1").add("retain", "false")
                .build().toString();
    }

    private static String goAuthConnect(String id, String secret, String client) {
        return Json.createObjectBuilder().add("username", id).add("password", secret).add("clientid", client)
                .build().toString();
    }

    private static String goAuthPublish(String id, String client) {
        return Json.createObjectBuilder().add("username", id).add("clientid", client).add("topic", "devices/1/state")
                .add("acc", 2).build().toString();
    }

    private static Api.Reply goAuth(Api anonymous, String key, String check, String body) {
        return anonymous.send("POST", "mqtt/" + key + "/go-auth/" + check, body, "application/json");
    }

    /** go-auth's answer: {@code ok}, or the reason of its 403. */
    private static String goAuth(Api.Reply reply) {
        if (reply.status() == 200) {
            assertEquals(true, reply.object().getBoolean("ok"), reply::toString);
            return "ok";
        }
        assertEquals(403, reply.status(), reply::toString);
        return reply.object().getString("error");
    }

    private static String result(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.object().getString("result");
    }

    /** Milliseconds from {@code since} (nanoTime) until go-auth's check is refused {@code rotated}; -1 if not within 20 s. */
    private static long awaitGoAuthRefusal(java.util.function.Supplier<Api.Reply> check, long since)
            throws InterruptedException {
        while (System.nanoTime() - since < Duration.ofSeconds(20).toNanos()) {
            String answer = goAuth(check.get());
            if (!"ok".equals(answer)) {
                assertEquals("rotated", answer);
                return (System.nanoTime() - since) / 1_000_000;
            }
            Thread.sleep(5);
        }
        return -1;
    }

    private static Api.Reply emqx(Api anonymous, String key, String check, String body) {
        return anonymous.send("POST", "mqtt/" + key + "/emqx/" + check, body, "application/json");
    }

    /** Milliseconds from {@code since} (nanoTime) until the broker check answers {@code result}; -1 if not within 20 s. */
    private static long awaitBrokerAnswer(java.util.function.Supplier<Api.Reply> check, String result, long since)
            throws InterruptedException {
        while (System.nanoTime() - since < Duration.ofSeconds(20).toNanos()) {
            Api.Reply reply = check.get();
            assertEquals(200, reply.status(), reply::toString);
            if (result.equals(reply.object().getString("result"))) {
                return (System.nanoTime() - since) / 1_000_000;
            }
            Thread.sleep(5);
        }
        return -1;
    }

    /** Milliseconds from {@code since} (nanoTime) until {@code api} gets a 401 with this reason; -1 if not within 20 s. */
    private static long awaitRefusal(Api api, String project, String reason, long since) throws InterruptedException {
        while (System.nanoTime() - since < Duration.ofSeconds(20).toNanos()) {
            Api.Reply reply = api.get("api/projects/" + project);
            if (reply.status() == 401) {
                assertEquals(reason, reply.object().getJsonObject("info").getString("reason"), reply::toString);
                return (System.nanoTime() - since) / 1_000_000;
            }
            Thread.sleep(5);
        }
        return -1;
    }

    /** Waits (at most two minutes) until {@code line} is in the node's log {@code times} times. */
    private static void awaitLog(TollgateServer node, String line, int times) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (count(node.logFileText(), line) < times) {
            if (System.nanoTime() > deadline) {
                fail("not " + times + " times in the log file: " + line + "\n" + node.logFileText());
            }
            Thread.sleep(100);
        }
    }

    private static Map<String, String> withLogs(Map<String, String> env, Path logs) {
        Map<String, String> with = new java.util.HashMap<>(env);
        with.put("TOLLGATE_LOG_DIR", logs.toString());
        return with;
    }

    private static int count(String log, String line) {
        return log.split(java.util.regex.Pattern.quote(line), -1).length - 1;
    }

    /** Terminates the node's listening connection (its application name names its process); how many were. */
    private static int terminateListener(Connection connection, TollgateServer node) throws SQLException {
        try (PreparedStatement terminate = connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            terminate.setString(1, "tollgate invalidation pid " + node.process().pid());
            int terminated = 0;
            try (ResultSet rows = terminate.executeQuery()) {
                while (rows.next()) {
                    terminated += rows.getBoolean(1) ? 1 : 0;
                }
            }
            return terminated;
        }
    }

    /** Suspends a token in the database itself: no Tollgate node is told. */
    private static void suspendBehindTollgatesBack(String tokenId) throws SQLException {
        try (Connection connection = database();
             PreparedStatement suspend = connection.prepareStatement(
                     "UPDATE project_tokens SET suspended_date = ?, suspend_reason = 'behind its back' WHERE id = ?")) {
            suspend.setLong(1, System.currentTimeMillis());
            suspend.setString(2, tokenId);
            assertEquals(1, suspend.executeUpdate());
        }
    }

    /** A connection of the test's own to the nodes' database (the postgresql profile's). */
    private static Connection database() throws SQLException {
        DriverManager.setLoginTimeout(10);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + System.getProperty("tollgate.it.pg-port")
                + "/tollgate?connectTimeout=10&socketTimeout=30", "tollgate", "tollgate");
    }

    /**
     * The network rule: no UDP socket (the nodes share nothing but the database), and no listening
     * socket outside 127.0.0.1 but, on Payara (whose HTTP listener takes the wildcard address), the
     * node's own HTTP port: no cluster port of any kind. Stops the nodes at once if not.
     */
    private static void assertNoUdpNorOutsideLoopback(TollgateServer... nodes) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-tulnp").redirectErrorStream(true).start();
        String sockets = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        for (TollgateServer node : nodes) {
            List<String> own = sockets.lines().filter(l -> l.contains("pid=" + node.process().pid() + ",")).toList();
            assertTrue(own.stream().anyMatch(l -> l.startsWith("tcp")), "the node's sockets are seen:\n" + sockets);
            for (String line : own) {
                boolean outside = !line.contains("127.0.0.1:")
                        && (Servers.wildfly() || !line.matches(".*:" + node.base().getPort() + "\\s.*"));
                if (line.startsWith("udp") || outside) {
                    for (TollgateServer n : nodes) {
                        n.kill();
                    }
                    fail("network rule broken, nodes stopped: " + line);
                }
            }
        }
    }
}
