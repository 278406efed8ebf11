package io.tollgate.it;

import static io.tollgate.it.Asserts.assertEachRejected;
import static io.tollgate.it.Asserts.assertUnauthorized;
import static io.tollgate.it.Asserts.sha256;
import static io.tollgate.it.Parallel.inParallel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.it.Api.TokenSpec;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

    private JsonArray list() {
        Api.Reply reply = root.listTokens(project);
        assertEquals(200, reply.status(), reply::toString);
        return reply.array();
    }

    @Test
    void createAnswersEveryFieldAndTheSecretOnce() throws Exception {
        long before = System.currentTimeMillis();
        Api.Reply reply = root.createToken(project,
                TokenSpec.of("  ci-deploy ", "editor").restricted(broker).validDate("2027-06-30T00:00:00Z"));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json;charset=UTF-8", reply.contentType().replace(" ", ""));
        JsonObject token = reply.object();
        assertEquals(Stream.of("id", "project_id", "role_id", "issuer", "name", "hash", "issue_date", "valid_date",
                "last_used_date", "last_used_ip", "brokers", "type", "status", "token").sorted().toList(),
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
        assertFalse(root.listTokens(project).body().contains(secret));
    }

    @Test
    void defaultsAreUnrestrictedAndThirtyDays() {
        long before = System.currentTimeMillis();
        JsonObject token = root.createToken(project, TokenSpec.of("defaults", "viewer")).object();
        assertEquals("unrestricted", token.getString("type"));
        assertEquals(0, token.getJsonArray("brokers").size());
        long valid = token.getJsonNumber("valid_date").longValue();
        assertTrue(valid >= before + 30 * DAY && valid <= System.currentTimeMillis() + 30 * DAY, "" + valid);
    }

    @Test
    void validDateAcceptsAllThreeForms() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        long endOfDay = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - 1;
        assertEquals(endOfDay, create("date", day).getJsonNumber("valid_date").longValue());
        long millis = System.currentTimeMillis() + 5 * DAY;
        assertEquals(millis, create("millis", millis).getJsonNumber("valid_date").longValue());
        assertEquals(day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli(),
                create("instant", day + "T00:00:00Z").getJsonNumber("valid_date").longValue());
    }

    /** A viewer token valid until {@code validDate}, sent as a JSON string. */
    private JsonObject create(String name, Object validDate) {
        Api.Reply reply = root.createToken(project, TokenSpec.of(name, "viewer").validDate(validDate));
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    @Test
    void everyValidationRuleAnswers400WithItsFieldAndChangesNothing() {
        root.createToken(project, TokenSpec.of("taken", "viewer"));
        String other = fixtures.broker(fixtures.project());
        String tooLong = "x".repeat(31);
        // built with JSON-P, not TokenSpec: missing fields and wrong JSON types are the point here
        Map<String, String> cases = new TreeMap<>();
        cases.put(body(Api.object().add("role", "viewer")), "name");
        cases.put(body(Api.object().add("name", "   ").add("role", "viewer")), "name");
        cases.put(body(Api.object().add("name", tooLong).add("role", "viewer")), "name");
        cases.put(body(Api.object().add("name", 42).add("role", "viewer")), "name");
        cases.put(body(Api.object().add("name", "a")), "role");
        cases.put(body(a().add("role", "root")), "role");
        cases.put(body(a().add("role", "owner")), "role");
        cases.put(body(viewer().add("type", "partial")), "type");
        cases.put(body(viewer().add("type", "restricted")), "brokers");
        cases.put(body(viewer().add("type", "restricted").add("brokers", Json.createArrayBuilder())), "brokers");
        cases.put(body(viewer().add("brokers", Json.createArrayBuilder().add(broker))), "brokers");
        cases.put(body(viewer().add("type", "restricted").add("brokers", Json.createArrayBuilder().add("nope"))), "brokers");
        cases.put(body(viewer().add("type", "restricted").add("brokers", Json.createArrayBuilder().add(other))), "brokers");
        cases.put(body(viewer().add("type", "restricted").add("brokers", Json.createArrayBuilder().add(7))), "brokers");
        cases.put(body(viewer().add("valid_date", "2001-01-01T00:00:00Z")), "valid_date");
        cases.put(body(viewer().add("valid_date", String.valueOf(System.currentTimeMillis() - 1000))), "valid_date");
        cases.put(body(viewer().add("valid_date", LocalDate.now(ZoneOffset.UTC).plusDays(400).toString())), "valid_date");
        cases.put(body(viewer().add("valid_date", "next tuesday")), "valid_date");
        cases.put(body(viewer().add("valid_date", 1900000000000L)), "valid_date");
        cases.put(body(viewer().add("valid_until", "2027-01-01")), "valid_until");
        assertEachRejected(cases, body -> root.post(Api.tokens(project), body), () -> list().size());
    }

    private static JsonObjectBuilder a() {
        return Api.object().add("name", "a");
    }

    private static JsonObjectBuilder viewer() {
        return a().add("role", "viewer");
    }

    private static String body(JsonObjectBuilder json) {
        return json.build().toString();
    }

    @Test
    void takenNameIs409AndNothingChanges() {
        assertEquals(200, root.createToken(project, TokenSpec.of("dup", "viewer")).status());
        Api.Reply again = root.createToken(project, TokenSpec.of(" dup ", "admin"));
        assertEquals(409, again.status(), again::toString);
        assertEquals("CONFLICT", again.code());
        assertEquals(1, list().size());
    }

    @Test
    void malformedJsonIs400MalformedRequest() {
        // a truncated body, by hand: being malformed is the point
        Api.Reply reply = root.post(Api.tokens(project), "{\"name\":\"x\",");
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
        List<Integer> statuses = inParallel(parallel, () -> root.createToken(project, TokenSpec.of("race", "viewer")).status());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(parallel - 1, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
        assertEquals(1, list().size());
    }

    @Test
    void parallelDeletesOfOneTokenGiveOneTrueAndThe404s() throws Exception {
        String id = fixtures.token(project, "viewer").getString("id");
        List<Integer> statuses = inParallel(20, () -> root.deleteToken(project, id).status());
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
                return switch (i % 3) {
                    case 0 -> root.updateBroker(project, restricted, "n" + i, "mqtt://h:1883").status();
                    case 1 -> root.createToken(project, TokenSpec.of("r" + i, "viewer").restricted(restricted)).status();
                    default -> root.deleteBroker(project, restricted).status();
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

    @Test
    void listIsOrderedByIssueDateAndPages() {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, root.createToken(project, TokenSpec.of("t" + i, "viewer")).status());
        }
        JsonArray all = list();
        for (int i = 0; i < 5; i++) {
            assertEquals("t" + i, all.getJsonObject(i).getString("name"));
        }
        JsonArray page = root.listTokens(project, "limit=2&offset=1").array();
        assertEquals(List.of("t1", "t2"), page.stream().map(v -> v.asJsonObject().getString("name")).toList());
        assertEquals(400, root.listTokens(project, "limit=0").status());
        assertEquals("offset", root.listTokens(project, "offset=-1").object().getJsonObject("info").getString("field"));
    }

    @Test
    void deletedTokenFailsAtOnceWith401() {
        JsonObject token = fixtures.token(project, "viewer");
        Api caller = root.as(token.getString("token"));
        assertEquals(200, caller.getProject(project).status());
        Api.Reply deleted = root.deleteToken(project, token.getString("id"));
        assertEquals(200, deleted.status());
        assertEquals("true", deleted.body().strip());
        Api.Reply after = caller.getProject(project);
        assertUnauthorized(after);
        assertEquals(404, root.deleteToken(project, token.getString("id")).status());
        assertEquals("NOT_FOUND", root.deleteToken(project, token.getString("id")).code());
    }

    @Test
    void expiredTokenIs401AndListedAsExpired() throws Exception {
        // 5 s for the create and the first use to be answered, even on a loaded machine; the 401 is
        // asked for only once the valid date has passed, so that side has no window at all
        long soon = System.currentTimeMillis() + 5_000;
        JsonObject token = create("short", soon);
        Api caller = root.as(token.getString("token"));
        assertEquals(200, caller.getProject(project).status());
        Thread.sleep(Math.max(0, soon - System.currentTimeMillis()) + 100);
        assertUnauthorized(caller.getProject(project));
        assertEquals("expired", list().getJsonObject(0).getString("status"));
    }

    @Test
    void malformedUnknownAndMissingCredentialsAre401() {
        String secret = fixtures.secret(project, "admin");
        char last = secret.charAt(secret.length() - 1);
        String badChecksum = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');
        for (String credential : List.of("tg_nonsense", badChecksum, "not-a-token", "a.b.c",
                "tg_" + "A".repeat(30) + "000000")) {
            assertUnauthorized(root.as(credential).getProject(project));
        }
        assertUnauthorized(root.anonymous().getProject(project));
        Api.Reply basic = Api.send(java.net.http.HttpRequest.newBuilder(root.base().resolve(Api.projects()))
                .header("Authorization", "Basic cm9vdDpyb290").build());
        assertUnauthorized(basic);
    }

    @Test
    void lastUsedDateIsSetOnFirstUseAndCoalesced() {
        JsonObject token = fixtures.token(project, "viewer");
        Api caller = root.as(token.getString("token"));
        long before = System.currentTimeMillis();
        assertEquals(200, caller.getProject(project).status());
        JsonObject listed = find(token.getString("id"));
        long first = listed.getJsonNumber("last_used_date").longValue();
        assertTrue(first >= before, "first use is visible at once");
        assertEquals(200, caller.getProject(project).status());
        assertEquals(first, find(token.getString("id")).getJsonNumber("last_used_date").longValue(),
                "a second use inside the window is not written");
    }

    @Test
    void failedRequestDoesNotCountAsUse() {
        JsonObject token = fixtures.token(project, "viewer");
        Api caller = root.as(token.getString("token"));
        assertEquals(403, caller.listTokens(project).status());
        assertEquals(JsonValue.NULL, find(token.getString("id")).get("last_used_date"));
    }

    @Test
    void adminTokenCreatesTokensThatNeverOutliveIt() {
        long soon = System.currentTimeMillis() + 3 * DAY;
        Api.Reply r = root.createToken(project, TokenSpec.of("adm", "admin").validDate(soon));
        Api adminApi = root.as(r.object().getString("token"));
        Api.Reply child = adminApi.createToken(project, TokenSpec.of("child", "editor"));
        assertEquals(200, child.status(), child::toString);
        assertEquals(soon, child.object().getJsonNumber("valid_date").longValue(), "default capped at the creator's");
        assertEquals("token:adm", child.object().getString("issuer"));
        Api.Reply longer = adminApi.createToken(project, TokenSpec.of("longer", "viewer").validDate(soon + 1));
        assertEquals(400, longer.status());
        assertEquals("valid_date", longer.object().getJsonObject("info").getString("field"));
    }

    @Test
    void onlyUnrestrictedAdminTokensCreateTokens() {
        for (String secret : List.of(fixtures.secret(project, "editor"), fixtures.secret(project, "viewer"),
                fixtures.secret(project, "admin", broker))) {
            Api.Reply reply = root.as(secret).createToken(project, TokenSpec.of("x", "viewer"));
            assertEquals(403, reply.status(), reply::toString);
            assertEquals("FORBIDDEN", reply.code());
        }
    }

    @Test
    void deletingABrokerRemovesItFromTokens() {
        String second = fixtures.broker(project);
        JsonObject token = fixtures.token(project, "editor", broker, second);
        Api restricted = root.as(token.getString("token"));
        assertEquals(200, restricted.getBroker(project, broker).status());
        assertEquals(200, root.deleteBroker(project, broker).status());
        assertEquals(List.of(second), find(token.getString("id")).getJsonArray("brokers")
                .getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(1, restricted.listBrokers(project).array().size());
    }

    @Test
    void deletingTheProjectMakesItsTokensFail() {
        String secret = fixtures.secret(project, "admin");
        assertEquals(200, root.as(secret).getProject(project).status());
        assertEquals(200, root.deleteProject(project).status());
        assertUnauthorized(root.as(secret).getProject(project));
        assertEquals(404, root.listTokens(project).status());
    }

    @Test
    void plaintextNeverReachesTheServerLog() throws IOException {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            secrets.add(fixtures.secret(project, "admin"));
        }
        for (String secret : secrets) {
            root.as(secret).getProject(project);
            root.as(secret).createToken(project, TokenSpec.of(secret, "viewer"));
            root.as(secret + "x").getProject(project);
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
            Api.Reply user = root.createUser(username, "pw-" + java.util.UUID.randomUUID());
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
                        delete = pool.submit(awaiting(go, () -> root.deleteProject(doomed)));
                    }
                    Api caller = i % 2 == 0 ? root : admin;
                    String name = Fixtures.unique("r" + i);
                    String member = users.get(i % users.size());
                    Callable<Api.Reply> create = switch (i % 5) {
                        case 0, 1 -> () -> caller.createToken(doomed, TokenSpec.of(name, "editor").unrestricted());
                        case 2 -> () -> caller.createToken(doomed, TokenSpec.of(name, "viewer").restricted(itsBroker));
                        case 3 -> () -> caller.createBroker(doomed, name, "mqtt://race.local:1883");
                        default -> () -> caller.putMember(doomed, member, "viewer");
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
            Api.Reply whoami = root.as(secret).whoami();
            if (whoami.status() != 401) {
                wrong.add("a token of a deleted project still answers " + whoami);
            }
        }
        for (String doomed : deleted) {
            for (String what : List.of("", "/tokens", "/brokers", "/members")) {
                assertEquals(404, root.get(Api.project(doomed) + what).status(), doomed + what);
            }
        }
        Orphans.find().forEach(orphan -> wrong.add("in the database, without its project: " + orphan));
        System.out.printf("delete race: %d creates answered 200, %d secrets checked, %d wrong%n",
                accepted, secrets.size(), wrong.size());
        assertEquals(List.of(), wrong);
        assertUnauthorized(root.as(secrets.get(0)).whoami());
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

    // usage log (spec section 7)

    /** The token's usage log once it holds at least {@code count} uses; fails after {@code seconds}. */
    private JsonArray awaitUsage(String tokenId, int count, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Api.Reply reply = root.tokenUsage(project, tokenId, "");
            assertEquals(200, reply.status(), reply::toString);
            if (reply.array().size() >= count || System.nanoTime() > deadline) {
                assertEquals(count, reply.array().size(), "uses logged after " + seconds + " s: " + reply);
                return reply.array();
            }
            Thread.sleep(100);
        }
    }

    /** The path the server saw for an API path (the suites' WAR may have a context root). */
    private String pathOf(String apiPath) {
        return root.base().resolve(apiPath).getRawPath();
    }

    private Api.Reply getAs(String secret, String path, String userAgent) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(root.base().resolve(path))
                .header("Authorization", "Bearer " + secret);
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return Api.send(request.build());
    }

    @Test
    void usageLogRecordsEachUseWithinSecondsNewestFirstWithItsFields() throws Exception {
        JsonObject token = fixtures.token(project, "viewer");
        String secret = token.getString("token");
        String agent = "probe/1.0 " + "x".repeat(250);
        long before = System.currentTimeMillis();
        assertEquals(200, getAs(secret, Api.project(project) + "?q=query-not-logged", agent).status());
        Thread.sleep(5);
        assertEquals(403, getAs(secret, Api.tokens(project), "short-agent").status());
        Thread.sleep(5);
        assertEquals(404, getAs(secret, Api.broker(project, "no-such-broker"), "short-agent").status());
        long after = System.currentTimeMillis();

        JsonArray uses = awaitUsage(token.getString("id"), 3, 4);
        JsonObject missing = uses.getJsonObject(0);
        JsonObject forbidden = uses.getJsonObject(1);
        JsonObject ok = uses.getJsonObject(2);
        assertEquals(List.of("at", "ip", "method", "outcome", "path", "status", "user_agent"),
                ok.keySet().stream().sorted().toList());
        assertEquals(pathOf(Api.project(project)), ok.getString("path"), "no query string");
        assertEquals("ok", ok.getString("outcome"));
        assertEquals(200, ok.getInt("status"));
        assertEquals("GET", ok.getString("method"));
        assertEquals(agent.substring(0, 200), ok.getString("user_agent"), "cut to 200 characters");
        assertTrue(List.of("127.0.0.1", "0:0:0:0:0:0:0:1").contains(ok.getString("ip")), ok.toString());
        long at = ok.getJsonNumber("at").longValue();
        assertTrue(at >= before && at <= after, ok.toString());
        assertEquals("forbidden", forbidden.getString("outcome"));
        assertEquals(403, forbidden.getInt("status"));
        assertEquals(pathOf(Api.tokens(project)), forbidden.getString("path"));
        assertEquals("short-agent", forbidden.getString("user_agent"));
        assertEquals("ok", missing.getString("outcome"), "the credential was accepted; the status tells the rest");
        assertEquals(404, missing.getInt("status"));
        assertTrue(missing.getJsonNumber("at").longValue() >= forbidden.getJsonNumber("at").longValue());

        JsonObject listed = find(token.getString("id"));
        assertEquals(ok.getString("ip"), listed.getString("last_used_ip"), "the address of the last successful use");
    }

    @Test
    void usageLogRecordsAnExpiredTokensRefusalAndNoOtherCallersRequests() throws Exception {
        long validDate = System.currentTimeMillis() + 3000;
        Api.Reply created = root.createToken(project, TokenSpec.of("short-lived", "viewer").validDate(validDate));
        assertEquals(200, created.status(), created::toString);
        String id = created.object().getString("id");
        String secret = created.object().getString("token");
        assertEquals(200, root.as(secret).getProject(project).status());
        long wait = validDate - System.currentTimeMillis() + 50;
        if (wait > 0) {
            Thread.sleep(wait);
        }
        RawHttp.Response refusal = new RawHttp(root.base()).from("127.0.0.2")
                .send("GET", Api.project(project) + "?x=1", null, "Authorization: Bearer " + secret);
        assertEquals(401, refusal.status(), refusal::toString);
        assertEquals(200, root.getProject(project).status(), "root's requests are not a token's use");
        JsonArray uses = awaitUsage(id, 2, 4);
        JsonObject refused = uses.getJsonObject(0);
        assertEquals("expired", refused.getString("outcome"));
        assertEquals(401, refused.getInt("status"));
        assertEquals(pathOf(Api.project(project)), refused.getString("path"));
        assertEquals(JsonValue.NULL, refused.get("user_agent"), "no User-Agent header, null");
        assertEquals("127.0.0.2", refused.getString("ip"), "the client's address");
        assertEquals("ok", uses.getJsonObject(1).getString("outcome"));
    }

    @Test
    void usageLogPagesByLimitAndExclusiveBefore() throws Exception {
        JsonObject token = fixtures.token(project, "viewer");
        Api caller = root.as(token.getString("token"));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, caller.getProject(project).status());
            Thread.sleep(3);
        }
        String id = token.getString("id");
        JsonArray all = awaitUsage(id, 5, 4);
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.getJsonObject(i - 1).getJsonNumber("at").longValue()
                    > all.getJsonObject(i).getJsonNumber("at").longValue(), "newest first: " + all);
        }
        JsonArray first = root.tokenUsage(project, id, "limit=2").array();
        assertEquals(List.of(all.get(0), all.get(1)), List.copyOf(first));
        long bound = first.getJsonObject(1).getJsonNumber("at").longValue();
        JsonArray rest = root.tokenUsage(project, id, "limit=2&before=" + bound).array();
        assertEquals(List.of(all.get(2), all.get(3)), List.copyOf(rest), "before is exclusive");
        assertEquals(List.of(all.get(4)), List.copyOf(root.tokenUsage(project, id,
                "before=" + all.getJsonObject(3).getJsonNumber("at").longValue()).array()));
        assertEquals(0, root.tokenUsage(project, id, "before=0").array().size());
    }

    @Test
    void usageLogRefusesBadPagingAndAnswersOnlyAdminsOfTheTokensProject() {
        JsonObject token = fixtures.token(project, "viewer");
        String id = token.getString("id");
        for (String query : List.of("limit=0", "limit=1001", "limit=abc", "limit=-1", "limit=", "limit=1.5")) {
            Asserts.assertProblem(root.tokenUsage(project, id, query), 400, "VALIDATION_FAILED", "limit");
        }
        for (String query : List.of("before=-1", "before=abc", "before=1.5", "before=", "before=99999999999999999999")) {
            Asserts.assertProblem(root.tokenUsage(project, id, query), 400, "VALIDATION_FAILED", "before");
        }
        assertEquals(404, root.tokenUsage(project, "no-such-token", "").status());
        assertEquals(404, root.tokenUsage(fixtures.project(), id, "").status(), "a token of another project");
        Asserts.assertForbidden(root.as(fixtures.secret(project, "editor")).tokenUsage(project, id, ""));
        assertEquals(200, root.as(fixtures.secret(project, "admin")).tokenUsage(project, id, "").status());
    }

    @Test
    void deletingATokenDeletesItsUsage() throws Exception {
        JsonObject token = fixtures.token(project, "viewer");
        assertEquals(200, root.as(token.getString("token")).getProject(project).status());
        awaitUsage(token.getString("id"), 1, 4);
        assertEquals(200, root.deleteToken(project, token.getString("id")).status());
        assertEquals(404, root.tokenUsage(project, token.getString("id"), "").status());
        assertEquals(List.of(), UsageRows.of(token.getString("id")), "rows of the deleted token");
    }
}
