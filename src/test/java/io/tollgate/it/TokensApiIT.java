package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Project tokens over HTTP (spec sections 1 and 3) on the packaged WAR in a managed Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokensApiIT extends DeployedWarTest {

    private static final long DAY = 24L * 3600 * 1000;

    private String tokens() {
        return "api/projects/" + project + "/tokens";
    }

    private JsonArray list() {
        Api.Reply reply = root.get(tokens());
        assertEquals(200, reply.status(), reply::toString);
        return reply.array();
    }

    @Test
    void createAnswersEveryFieldAndTheSecretOnce() throws Exception {
        long before = System.currentTimeMillis();
        Api.Reply reply = root.post(tokens(), "{\"name\":\"  ci-deploy \",\"role\":\"editor\",\"type\":\"restricted\","
                + "\"brokers\":[\"" + broker + "\"],\"valid_date\":\"2027-06-30T00:00:00Z\"}");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json;charset=UTF-8", reply.contentType().replace(" ", ""));
        JsonObject token = reply.object();
        assertEquals(Stream.of("id", "project_id", "role_id", "issuer", "name", "hash", "issue_date", "valid_date",
                "last_used_date", "brokers", "type", "status", "token").sorted().toList(),
                token.keySet().stream().sorted().toList());
        assertEquals(project, token.getString("project_id"));
        assertEquals("editor", token.getString("role_id"));
        assertEquals("root", token.getString("issuer"));
        assertEquals("ci-deploy", token.getString("name"));
        assertEquals(Instant.parse("2027-06-30T00:00:00Z").toEpochMilli(), token.getJsonNumber("valid_date").longValue());
        long issued = token.getJsonNumber("issue_date").longValue();
        assertTrue(issued >= before && issued <= System.currentTimeMillis());
        assertEquals(JsonValue.NULL, token.get("last_used_date"));
        assertEquals(List.of(broker), token.getJsonArray("brokers").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("restricted", token.getString("type"));
        String secret = token.getString("token");
        assertTrue(secret.matches("tg_[0-9A-Za-z]{36}"), secret);
        assertEquals(sha256(secret), token.getString("hash"));

        JsonObject listed = list().getJsonObject(0);
        assertEquals(JsonValue.NULL, listed.get("token"));
        assertEquals(token.getString("hash"), listed.getString("hash"));
        assertEquals("valid", listed.getString("status"));
        assertFalse(root.get(tokens()).body().contains(secret));
    }

    @Test
    void defaultsAreUnrestrictedAndThirtyDays() {
        long before = System.currentTimeMillis();
        JsonObject token = root.post(tokens(), "{\"name\":\"defaults\",\"role\":\"viewer\"}").object();
        assertEquals("unrestricted", token.getString("type"));
        assertEquals(0, token.getJsonArray("brokers").size());
        long valid = token.getJsonNumber("valid_date").longValue();
        assertTrue(valid >= before + 30 * DAY && valid <= System.currentTimeMillis() + 30 * DAY, "" + valid);
    }

    @Test
    void validDateAcceptsAllThreeForms() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        long endOfDay = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - 1;
        assertEquals(endOfDay, create("date", "\"" + day + "\"").getJsonNumber("valid_date").longValue());
        long millis = System.currentTimeMillis() + 5 * DAY;
        assertEquals(millis, create("millis", "\"" + millis + "\"").getJsonNumber("valid_date").longValue());
        assertEquals(day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli(),
                create("instant", "\"" + day + "T00:00:00Z\"").getJsonNumber("valid_date").longValue());
    }

    private JsonObject create(String name, String validDate) {
        Api.Reply reply = root.post(tokens(), "{\"name\":\"" + name + "\",\"role\":\"viewer\",\"valid_date\":" + validDate + "}");
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    @Test
    void everyValidationRuleAnswers400WithItsFieldAndChangesNothing() {
        root.post(tokens(), "{\"name\":\"taken\",\"role\":\"viewer\"}");
        String other = fixtures.broker(fixtures.project());
        String tooLong = "x".repeat(31);
        Map<String, String> cases = new TreeMap<>();
        cases.put("{\"role\":\"viewer\"}", "name");
        cases.put("{\"name\":\"   \",\"role\":\"viewer\"}", "name");
        cases.put("{\"name\":\"" + tooLong + "\",\"role\":\"viewer\"}", "name");
        cases.put("{\"name\":42,\"role\":\"viewer\"}", "name");
        cases.put("{\"name\":\"a\"}", "role");
        cases.put("{\"name\":\"a\",\"role\":\"root\"}", "role");
        cases.put("{\"name\":\"a\",\"role\":\"owner\"}", "role");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"type\":\"partial\"}", "type");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"type\":\"restricted\"}", "brokers");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"type\":\"restricted\",\"brokers\":[]}", "brokers");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"brokers\":[\"" + broker + "\"]}", "brokers");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"type\":\"restricted\",\"brokers\":[\"nope\"]}", "brokers");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"type\":\"restricted\",\"brokers\":[\"" + other + "\"]}", "brokers");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"type\":\"restricted\",\"brokers\":[7]}", "brokers");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"valid_date\":\"2001-01-01T00:00:00Z\"}", "valid_date");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"valid_date\":\"" + (System.currentTimeMillis() - 1000) + "\"}", "valid_date");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"valid_date\":\"" + LocalDate.now(ZoneOffset.UTC).plusDays(400) + "\"}", "valid_date");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"valid_date\":\"next tuesday\"}", "valid_date");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"valid_date\":1900000000000}", "valid_date");
        cases.put("{\"name\":\"a\",\"role\":\"viewer\",\"valid_until\":\"2027-01-01\"}", "valid_until");
        int before = list().size();
        cases.forEach((body, field) -> {
            Api.Reply reply = root.post(tokens(), body);
            assertEquals(400, reply.status(), body + " -> " + reply);
            assertEquals("VALIDATION_FAILED", reply.code(), body);
            assertEquals(field, reply.object().getJsonObject("info").getString("field"), body);
        });
        assertEquals(before, list().size());
    }

    @Test
    void takenNameIs409AndNothingChanges() {
        assertEquals(200, root.post(tokens(), "{\"name\":\"dup\",\"role\":\"viewer\"}").status());
        Api.Reply again = root.post(tokens(), "{\"name\":\" dup \",\"role\":\"admin\"}");
        assertEquals(409, again.status(), again::toString);
        assertEquals("CONFLICT", again.code());
        assertEquals(1, list().size());
    }

    @Test
    void malformedJsonIs400MalformedRequest() {
        Api.Reply reply = root.post(tokens(), "{\"name\":\"x\",");
        assertEquals(400, reply.status());
        assertEquals("MALFORMED_REQUEST", reply.code());
        assertEquals(0, list().size());
    }

    @Test
    void twentyParallelCreatesOfOneNameGiveExactlyOne200() throws Exception {
        assertParallelCreatesOfOneName(20);
    }

    @Test
    void fiftyParallelCreatesOfOneNameGiveOne200AndFortyNine409() throws Exception {
        assertParallelCreatesOfOneName(50);
    }

    private void assertParallelCreatesOfOneName(int parallel) throws Exception {
        List<Integer> statuses = inParallel(parallel, () -> root.post(tokens(), "{\"name\":\"race\",\"role\":\"viewer\"}").status());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(parallel - 1, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
        assertEquals(1, list().size());
    }

    @Test
    void parallelDeletesOfOneTokenGiveOneTrueAndThe404s() throws Exception {
        String id = fixtures.token(project, "viewer").getString("id");
        List<Integer> statuses = inParallel(20, () -> root.delete(tokens() + "/" + id).status());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(19, statuses.stream().filter(s -> s == 404).count(), statuses::toString);
    }

    @Test
    void parallelBrokerEditsAndDeletesNeverAnswer5xx() throws Exception {
        String restricted = fixtures.broker(project);
        List<Integer> statuses = inParallel(30, new Callable<>() {
            final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public Integer call() {
                int i = turn.incrementAndGet();
                String path = "api/projects/" + project + "/brokers/" + restricted;
                return switch (i % 3) {
                    case 0 -> root.put(path, "{\"name\":\"n" + i + "\",\"url\":\"mqtt://h:1883\"}").status();
                    case 1 -> root.post(tokens(), "{\"name\":\"r" + i + "\",\"role\":\"viewer\",\"type\":\"restricted\","
                            + "\"brokers\":[\"" + restricted + "\"]}").status();
                    default -> root.delete(path).status();
                };
            }
        });
        assertTrue(statuses.stream().allMatch(s -> s < 500), statuses::toString);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 400 || s == 404 || s == 409), statuses::toString);
        for (JsonValue token : list()) {
            assertFalse(token.asJsonObject().getJsonArray("brokers").toString().contains(restricted),
                    "a deleted broker stays on no token");
        }
    }

    private static List<Integer> inParallel(int count, Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(call);
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listIsOrderedByIssueDateAndPages() {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, root.post(tokens(), "{\"name\":\"t" + i + "\",\"role\":\"viewer\"}").status());
        }
        JsonArray all = list();
        for (int i = 0; i < 5; i++) {
            assertEquals("t" + i, all.getJsonObject(i).getString("name"));
        }
        JsonArray page = root.get(tokens() + "?limit=2&offset=1").array();
        assertEquals(List.of("t1", "t2"), page.stream().map(v -> v.asJsonObject().getString("name")).toList());
        assertEquals(400, root.get(tokens() + "?limit=0").status());
        assertEquals("offset", root.get(tokens() + "?offset=-1").object().getJsonObject("info").getString("field"));
    }

    @Test
    void deletedTokenFailsAtOnceWith401() {
        JsonObject token = fixtures.token(project, "viewer");
        Api caller = root.as(token.getString("token"));
        assertEquals(200, caller.get("api/projects/" + project).status());
        Api.Reply deleted = root.delete(tokens() + "/" + token.getString("id"));
        assertEquals(200, deleted.status());
        assertEquals("true", deleted.body().strip());
        Api.Reply after = caller.get("api/projects/" + project);
        assertUnauthorized(after);
        assertEquals(404, root.delete(tokens() + "/" + token.getString("id")).status());
        assertEquals("NOT_FOUND", root.delete(tokens() + "/" + token.getString("id")).code());
    }

    @Test
    void expiredTokenIs401AndListedAsExpired() throws Exception {
        // 5 s for the create and the first use to be answered, even on a loaded machine; the 401 is
        // asked for only once the valid date has passed, so that side has no window at all
        long soon = System.currentTimeMillis() + 5_000;
        JsonObject token = create("short", "\"" + soon + "\"");
        Api caller = root.as(token.getString("token"));
        assertEquals(200, caller.get("api/projects/" + project).status());
        Thread.sleep(Math.max(0, soon - System.currentTimeMillis()) + 100);
        assertUnauthorized(caller.get("api/projects/" + project));
        assertEquals("expired", list().getJsonObject(0).getString("status"));
    }

    @Test
    void malformedUnknownAndMissingCredentialsAre401() {
        String secret = fixtures.secret(project, "admin");
        char last = secret.charAt(secret.length() - 1);
        String badChecksum = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');
        for (String credential : List.of("tg_nonsense", badChecksum, "not-a-token", "a.b.c",
                "tg_" + "A".repeat(30) + "000000")) {
            assertUnauthorized(root.as(credential).get("api/projects/" + project));
        }
        assertUnauthorized(root.as(null).get("api/projects/" + project));
        Api.Reply basic = Api.send(java.net.http.HttpRequest.newBuilder(URI.create(root.base() + "api/projects"))
                .header("Authorization", "Basic cm9vdDpyb290").build());
        assertUnauthorized(basic);
    }

    @Test
    void lastUsedDateIsSetOnFirstUseAndCoalesced() {
        JsonObject token = fixtures.token(project, "viewer");
        Api caller = root.as(token.getString("token"));
        long before = System.currentTimeMillis();
        assertEquals(200, caller.get("api/projects/" + project).status());
        JsonObject listed = find(token.getString("id"));
        long first = listed.getJsonNumber("last_used_date").longValue();
        assertTrue(first >= before, "first use is visible at once");
        assertEquals(200, caller.get("api/projects/" + project).status());
        assertEquals(first, find(token.getString("id")).getJsonNumber("last_used_date").longValue(),
                "a second use inside the window is not written");
    }

    @Test
    void failedRequestDoesNotCountAsUse() {
        JsonObject token = fixtures.token(project, "viewer");
        Api caller = root.as(token.getString("token"));
        assertEquals(403, caller.get(tokens()).status());
        assertEquals(JsonValue.NULL, find(token.getString("id")).get("last_used_date"));
    }

    @Test
    void adminTokenCreatesTokensThatNeverOutliveIt() {
        long soon = System.currentTimeMillis() + 3 * DAY;
        Api.Reply r = root.post(tokens(), "{\"name\":\"adm\",\"role\":\"admin\",\"valid_date\":\"" + soon + "\"}");
        Api adminApi = root.as(r.object().getString("token"));
        Api.Reply child = adminApi.post(tokens(), "{\"name\":\"child\",\"role\":\"editor\"}");
        assertEquals(200, child.status(), child::toString);
        assertEquals(soon, child.object().getJsonNumber("valid_date").longValue(), "default capped at the creator's");
        assertEquals("token:adm", child.object().getString("issuer"));
        Api.Reply longer = adminApi.post(tokens(), "{\"name\":\"longer\",\"role\":\"viewer\",\"valid_date\":\"" + (soon + 1) + "\"}");
        assertEquals(400, longer.status());
        assertEquals("valid_date", longer.object().getJsonObject("info").getString("field"));
    }

    @Test
    void onlyUnrestrictedAdminTokensCreateTokens() {
        for (String secret : List.of(fixtures.secret(project, "editor"), fixtures.secret(project, "viewer"),
                fixtures.secret(project, "admin", broker))) {
            Api.Reply reply = root.as(secret).post(tokens(), "{\"name\":\"x\",\"role\":\"viewer\"}");
            assertEquals(403, reply.status(), reply::toString);
            assertEquals("FORBIDDEN", reply.code());
        }
    }

    @Test
    void deletingABrokerRemovesItFromTokens() {
        String second = fixtures.broker(project);
        JsonObject token = fixtures.token(project, "editor", broker, second);
        Api restricted = root.as(token.getString("token"));
        assertEquals(200, restricted.get("api/projects/" + project + "/brokers/" + broker).status());
        assertEquals(200, root.delete("api/projects/" + project + "/brokers/" + broker).status());
        assertEquals(List.of(second), find(token.getString("id")).getJsonArray("brokers")
                .getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(1, restricted.get("api/projects/" + project + "/brokers").array().size());
    }

    @Test
    void deletingTheProjectMakesItsTokensFail() {
        String secret = fixtures.secret(project, "admin");
        assertEquals(200, root.as(secret).get("api/projects/" + project).status());
        assertEquals(200, root.delete("api/projects/" + project).status());
        assertUnauthorized(root.as(secret).get("api/projects/" + project));
        assertEquals(404, root.get(tokens()).status());
    }

    @Test
    void plaintextNeverReachesTheServerLog() throws IOException {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            secrets.add(fixtures.secret(project, "admin"));
        }
        for (String secret : secrets) {
            root.as(secret).get("api/projects/" + project);
            root.as(secret).post(tokens(), "{\"name\":\"" + secret + "\",\"role\":\"viewer\"}");
            root.as(secret + "x").get("api/projects/" + project);
        }
        String content = ServerLogs.read(Path.of(System.getProperty("tollgate.it.log")));
        assertTrue(content.contains("Database schema"), "the log is the server's");
        for (String secret : secrets) {
            assertFalse(content.contains(secret), "a token secret was logged");
            assertFalse(content.contains(secret.substring(3, 20)), "part of a token secret was logged");
        }
    }

    @Test
    void projectDeleteRacingCreatesLeavesNoTokenBrokerOrMembershipBehind() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String username = Fixtures.unique("racer");
            Api.Reply user = root.post("api/users", "{\"username\":\"" + username + "\",\"password\":\"pw-"
                    + java.util.UUID.randomUUID() + "\"}");
            assertEquals(200, user.status(), user::toString);
            users.add(username);
        }
        List<String> deleted = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int accepted = 0;
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            for (int round = 0; round < 20; round++) {
                String doomed = fixtures.project();
                String itsBroker = fixtures.broker(doomed);
                String adminSecret = fixtures.secret(doomed, "admin");
                Api admin = root.as(adminSecret);
                secrets.add(adminSecret);
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<Future<Api.Reply>> creates = new ArrayList<>();
                List<Boolean> byAdmin = new ArrayList<>();
                Future<Api.Reply> delete = null;
                for (int i = 0; i < 50; i++) {
                    if (i == 25) {
                        delete = pool.submit(awaiting(go, () -> root.delete("api/projects/" + doomed)));
                    }
                    Api caller = i % 2 == 0 ? root : admin;
                    String name = Fixtures.unique("r" + i);
                    String member = users.get(i % users.size());
                    Callable<Api.Reply> create = switch (i % 5) {
                        case 0, 1 -> () -> caller.post("api/projects/" + doomed + "/tokens", "{\"name\":\"" + name
                                + "\",\"role\":\"editor\",\"type\":\"unrestricted\",\"brokers\":[]}");
                        case 2 -> () -> caller.post("api/projects/" + doomed + "/tokens", "{\"name\":\"" + name
                                + "\",\"role\":\"viewer\",\"type\":\"restricted\",\"brokers\":[\"" + itsBroker + "\"]}");
                        case 3 -> () -> caller.post("api/projects/" + doomed + "/brokers", "{\"name\":\"" + name
                                + "\",\"url\":\"mqtt://race.local:1883\"}");
                        default -> () -> caller.put("api/projects/" + doomed + "/members/" + member,
                                "{\"role\":\"viewer\"}");
                    };
                    creates.add(pool.submit(awaiting(go, create)));
                    byAdmin.add(caller == admin);
                }
                go.countDown();
                Api.Reply gone = delete.get(60, TimeUnit.SECONDS);
                assertEquals(200, gone.status(), gone::toString);
                for (int i = 0; i < creates.size(); i++) {
                    Api.Reply reply = creates.get(i).get(60, TimeUnit.SECONDS);
                    if (reply.status() == 200) {
                        accepted++;
                        if (reply.object().containsKey("token")) {
                            secrets.add(reply.object().getString("token"));
                        }
                    } else if (reply.status() != 404 && !(byAdmin.get(i) && reply.status() == 401)) {
                        wrong.add("a create racing the delete answered " + reply);
                    }
                }
                deleted.add(doomed);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        }
        for (String secret : secrets) {
            Api.Reply whoami = root.as(secret).get("api/auth/whoami");
            if (whoami.status() != 401) {
                wrong.add("a token of a deleted project still answers " + whoami);
            }
        }
        for (String doomed : deleted) {
            for (String what : List.of("", "/tokens", "/brokers", "/members")) {
                assertEquals(404, root.get("api/projects/" + doomed + what).status(), doomed + what);
            }
        }
        Orphans.find().forEach(orphan -> wrong.add("in the database, without its project: " + orphan));
        System.out.printf("delete race: %d creates answered 200, %d secrets checked, %d wrong%n",
                accepted, secrets.size(), wrong.size());
        assertEquals(List.of(), wrong);
        assertUnauthorized(root.as(secrets.get(0)).get("api/auth/whoami"));
    }

    private static Callable<Api.Reply> awaiting(java.util.concurrent.CountDownLatch go, Callable<Api.Reply> call) {
        return () -> {
            assertTrue(go.await(60, TimeUnit.SECONDS));
            return call.call();
        };
    }

    private JsonObject find(String tokenId) {
        return list().stream().map(JsonValue::asJsonObject)
                .filter(t -> t.getString("id").equals(tokenId)).findFirst().orElseThrow();
    }

    static void assertUnauthorized(Api.Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("UNAUTHORIZED", reply.code());
        assertEquals(401, reply.object().getInt("status"));
        assertEquals("Bearer", reply.wwwAuthenticate());
    }

    static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes()));
    }
}
