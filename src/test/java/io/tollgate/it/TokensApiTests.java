package io.tollgate.it;

import static io.tollgate.it.Asserts.assertEachRejected;
import static io.tollgate.it.Asserts.assertForbidden;
import static io.tollgate.it.Asserts.assertProblem;
import static io.tollgate.it.Asserts.assertUnauthorized;
import static io.tollgate.it.Asserts.sha256;
import static io.tollgate.it.Parallel.inParallel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.it.Api.TokenSpec;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Project tokens over HTTP (spec sections 1 and 3) on the packaged WAR in a managed Payara Micro.
 * <p>
 * Part of {@link DeployedSuitesIT}'s single deployment (see there): every test is {@code @RunAsClient}
 * on its own, as a class-level one would be inherited by the in-container tests.
 */
abstract class TokensApiTests extends InContainerTests {

    private static final long DAY = 24L * 3600 * 1000;

    private JsonArray list() {
        Api.Reply reply = root.listTokens(project);
        assertEquals(200, reply.status(), reply::toString);
        return reply.array();
    }

    @Test
    @RunAsClient
    void createAnswersEveryFieldAndTheSecretOnce() throws Exception {
        long before = System.currentTimeMillis();
        Api.Reply reply = root.createToken(project,
                TokenSpec.of("  ci-deploy ", "editor").restricted(broker).validDate("2027-06-30T00:00:00Z"));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json;charset=UTF-8", reply.contentType().replace(" ", ""));
        JsonObject token = reply.object();
        assertEquals(Stream.of("id", "project_id", "role_id", "issuer", "name", "hash", "issue_date", "valid_date",
                "last_used_date", "last_used_ip", "brokers", "type", "allowed_ips", "mqtt_rules", "status", "token", "suspended_date",
                "suspend_reason", "rotated_date", "previous_valid_until").sorted().toList(),
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
    @RunAsClient
    void defaultsAreUnrestrictedAndThirtyDays() {
        long before = System.currentTimeMillis();
        JsonObject token = root.createToken(project, TokenSpec.of("defaults", "viewer")).object();
        assertEquals("unrestricted", token.getString("type"));
        assertEquals(0, token.getJsonArray("brokers").size());
        long valid = token.getJsonNumber("valid_date").longValue();
        assertTrue(valid >= before + 30 * DAY && valid <= System.currentTimeMillis() + 30 * DAY, "" + valid);
    }

    @Test
    @RunAsClient
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
    @RunAsClient
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
    @RunAsClient
    void takenNameIs409AndNothingChanges() {
        assertEquals(200, root.createToken(project, TokenSpec.of("dup", "viewer")).status());
        Api.Reply again = root.createToken(project, TokenSpec.of(" dup ", "admin"));
        assertEquals(409, again.status(), again::toString);
        assertEquals("CONFLICT", again.code());
        assertEquals(1, list().size());
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void malformedJsonIs400MalformedRequest() {
        // a truncated body, by hand: being malformed is the point
        Api.Reply reply = root.post(Api.tokens(project), "{\"name\":\"x\",");
        assertEquals(400, reply.status());
        assertEquals("MALFORMED_REQUEST", reply.code());
        assertEquals(0, list().size());
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void twentyParallelCreatesOfOneNameGiveExactlyOne200() throws Exception {
        assertParallelCreatesOfOneName(20);
    }

    @Test
    @RunAsClient
    void fiftyParallelCreatesOfOneNameGiveOne200AndFortyNine409() throws Exception {
        assertParallelCreatesOfOneName(50);
    }

    private void assertParallelCreatesOfOneName(int parallel) throws Exception {
        List<Integer> statuses = inParallel(parallel, () -> root.createToken(project, TokenSpec.of("race", "viewer")).status());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(parallel - 1, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
        assertEquals(1, list().size());
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void parallelDeletesOfOneTokenGiveOneTrueAndThe404s() throws Exception {
        String id = fixtures.token(project, "viewer").getString("id");
        List<Integer> statuses = inParallel(20, () -> root.deleteToken(project, id).status());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(19, statuses.stream().filter(s -> s == 404).count(), statuses::toString);
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
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
    @RunAsClient
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
    @RunAsClient
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
    @RunAsClient
    void expiredTokenIs401AndListedAsExpired() throws Exception {
        // 5 s for the create and the first use to be answered, even on a loaded machine; the 401 is
        // asked for only once the valid date has passed, so that side has no window at all
        long soon = System.currentTimeMillis() + 5_000;
        JsonObject token = create("short", soon);
        Api caller = root.as(token.getString("token"));
        assertEquals(200, caller.getProject(project).status());
        serverClock.passes(soon + 100);
        assertUnauthorized(caller.getProject(project));
        assertEquals("expired", list().getJsonObject(0).getString("status"));
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
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
    @RunAsClient
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
    @RunAsClient
    void failedRequestDoesNotCountAsUse() {
        JsonObject token = fixtures.token(project, "viewer");
        Api caller = root.as(token.getString("token"));
        assertEquals(403, caller.listTokens(project).status());
        assertEquals(JsonValue.NULL, find(token.getString("id")).get("last_used_date"));
    }

    @Test
    @RunAsClient
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
    @RunAsClient
    void onlyUnrestrictedAdminTokensCreateTokens() {
        for (String secret : List.of(fixtures.secret(project, "editor"), fixtures.secret(project, "viewer"),
                fixtures.secret(project, "admin", broker))) {
            Api.Reply reply = root.as(secret).createToken(project, TokenSpec.of("x", "viewer"));
            assertEquals(403, reply.status(), reply::toString);
            assertEquals("FORBIDDEN", reply.code());
        }
    }

    @Test
    @RunAsClient
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
    @RunAsClient
    void deletingTheProjectMakesItsTokensFail() {
        String secret = fixtures.secret(project, "admin");
        assertEquals(200, root.as(secret).getProject(project).status());
        assertEquals(200, root.deleteProject(project).status());
        assertUnauthorized(root.as(secret).getProject(project));
        assertEquals(404, root.listTokens(project).status());
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
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

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
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

    // ---------------------------------------------------------------- IP allow-lists (spec section 6)
    // The suites' server trusts 127.0.0.2 as a proxy (TOLLGATE_HTTP_TRUSTED_PROXIES in the pom): a request
    // bound to 127.0.0.2 without X-Forwarded-For comes from 127.0.0.2, with one from what the header says.

    private static final String PROXY = "127.0.0.2";

    /** A request with this credential, sent from a chosen loopback address, with extra header lines. */
    private RawHttp.Response from(String address, String secret, String method, String path, String body,
                                  String... headers) throws Exception {
        List<String> lines = new ArrayList<>(List.of("Authorization: Bearer " + secret));
        if (body != null) {
            lines.add("Content-Type: application/json");
        }
        lines.addAll(List.of(headers));
        return new RawHttp(base.toURI()).from(address).send(method, path, body, lines.toArray(String[]::new));
    }

    private RawHttp.Response readProject(String address, String secret, String... headers) throws Exception {
        return from(address, secret, "GET", Api.project(project), null, headers);
    }

    /** A token created by root with these {@code allowed_ips}; the create's JSON, secret included. */
    private JsonObject tokenAllowedFrom(String role, String... blocks) {
        JsonArrayBuilder ips = Json.createArrayBuilder();
        Stream.of(blocks).forEach(ips::add);
        Api.Reply reply = root.post(Api.tokens(project),
                Api.object(TokenSpec.of(Fixtures.unique("ip").substring(0, 11), role).json()).add("allowed_ips", ips));
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    private static List<String> allowedIps(JsonObject token) {
        return token.getJsonArray("allowed_ips").getValuesAs(jakarta.json.JsonString::getString);
    }

    private static void assertIpNotAllowed(RawHttp.Response reply) {
        assertEquals(403, reply.status(), reply::toString);
        JsonObject body = reply.object();
        assertEquals("FORBIDDEN", body.getString("code"), reply::toString);
        assertEquals("ip_not_allowed", body.getJsonObject("info").getString("reason"), reply::toString);
    }

    @Test
    @RunAsClient
    void everyTokenAnswerCarriesAllowedIpsEmptyMeaningAnyAddress() throws Exception {
        JsonObject created = fixtures.token(project, "viewer");
        assertEquals(List.of(), allowedIps(created));
        assertEquals(List.of(), allowedIps(find(created.getString("id"))));
        assertEquals(200, readProject("127.0.0.1", created.getString("token")).status());
        assertEquals(200, readProject(PROXY, created.getString("token")).status());
    }

    @Test
    @RunAsClient
    void allowListAdmitsItsAddressesAndRefusesOthersWith403IpNotAllowedAndNoUse() throws Exception {
        JsonObject token = tokenAllowedFrom("viewer", "127.0.0.0/31", "::ffff:127.0.0.1", "2001:DB8::/32");
        assertEquals(List.of("127.0.0.0/31", "127.0.0.1/32", "2001:db8::/32"), allowedIps(token),
                "addresses become /32, blocks are normalised, duplicates go");
        String secret = token.getString("token");
        assertIpNotAllowed(readProject(PROXY, secret));
        assertIpNotAllowed(from(PROXY, secret, "GET", Api.brokers(project), null));
        assertEquals(JsonValue.NULL, find(token.getString("id")).get("last_used_date"), "a refused use is no use");
        assertEquals(200, readProject("127.0.0.1", secret).status());
        assertTrue(find(token.getString("id")).get("last_used_date") instanceof jakarta.json.JsonNumber);

        String onlyTheOther = tokenAllowedFrom("viewer", PROXY).getString("token");
        assertIpNotAllowed(readProject("127.0.0.1", onlyTheOther));
        assertEquals(200, readProject(PROXY, onlyTheOther).status());
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void behindATrustedProxyTheForwardedClientCountsAndAnUntrustedPeersHeaderIsIgnored() throws Exception {
        String secret = tokenAllowedFrom("viewer", "203.0.113.0/24").getString("token");
        assertEquals(200, readProject(PROXY, secret, "X-Forwarded-For: 203.0.113.9").status());
        assertEquals(200, readProject(PROXY, secret, "X-Forwarded-For: 198.51.100.1, 203.0.113.9, 127.0.0.2").status(),
                "trusted hops are skipped, what the client wrote left of its address is not read");
        assertIpNotAllowed(readProject(PROXY, secret, "X-Forwarded-For: 203.0.113.9, 198.51.100.1"));
        assertIpNotAllowed(readProject("127.0.0.1", secret, "X-Forwarded-For: 203.0.113.9"));
        assertIpNotAllowed(readProject(PROXY, secret));
        for (String garbage : List.of("unknown", "203.0.113.9:443", "[203.0.113.9]", "fe80::1%eth0", "x".repeat(2000),
                "203.0.113.9 203.0.113.10", ",,,")) {
            assertIpNotAllowed(readProject(PROXY, secret, "X-Forwarded-For: " + garbage));
        }
        String local = tokenAllowedFrom("viewer", "127.0.0.1").getString("token");
        assertEquals(200, readProject("127.0.0.1", local, "X-Forwarded-For: 203.0.113.9").status(),
                "an untrusted peer's header changes nothing");
        assertEquals(200, readProject(PROXY, local, "X-Forwarded-For: 127.0.0.1").status());
        assertIpNotAllowed(readProject(PROXY, local, "X-Forwarded-For: garbage"));
    }

    @Test
    @RunAsClient
    void badAllowedIpsAnswer400NamingTheFieldAndChangeNothing() {
        Map<String, String> cases = new TreeMap<>();
        List<String> bad = new ArrayList<>(List.of("300.1.1.1", "10.0.0.1/8", "2001:db8::1/32", "fe80::1%eth0",
                "010.0.0.1", "example.com", "localhost", "", " 10.0.0.1", "10.0.0.0/33", "10.0.0.0/08", "[::1]",
                "::1/129", "10.0.0.0/8,10.1.0.0/16", "*", "1.2.3"));
        for (String entry : bad) {
            cases.put(body(viewer().add("allowed_ips", Json.createArrayBuilder().add("127.0.0.1").add(entry))), "allowed_ips");
        }
        JsonArrayBuilder tooMany = Json.createArrayBuilder();
        for (int i = 0; i < 33; i++) {
            tooMany.add("10.0.0." + i);
        }
        cases.put(body(viewer().add("allowed_ips", tooMany)), "allowed_ips");
        cases.put(body(viewer().add("allowed_ips", "10.0.0.0/8")), "allowed_ips");
        cases.put(body(viewer().add("allowed_ips", Json.createArrayBuilder().add(7))), "allowed_ips");
        cases.put(body(viewer().add("allowed_ips", Json.createObjectBuilder())), "allowed_ips");
        assertEachRejected(cases, body -> root.post(Api.tokens(project), body), () -> list().size());

        JsonArrayBuilder thirtyTwo = Json.createArrayBuilder();
        for (int i = 0; i < 32; i++) {
            thirtyTwo.add("10.0.0." + i);
        }
        Api.Reply most = root.post(Api.tokens(project), viewer().add("allowed_ips", thirtyTwo));
        assertEquals(200, most.status(), most::toString);
        assertEquals(32, allowedIps(most.object()).size());
    }

    private Api.Reply patch(Api caller, String tokenId, JsonObjectBuilder body) {
        return caller.send("PATCH", Api.token(project, tokenId), body.build().toString(), "application/json");
    }

    @Test
    @RunAsClient
    void patchRenamesAndReplacesAllowedIpsAndANarrowedListAppliesAtOnce() throws Exception {
        JsonObject token = fixtures.token(project, "viewer");
        String id = token.getString("id");
        String secret = token.getString("token");
        assertEquals(200, readProject(PROXY, secret).status(), "cached, usable from anywhere");

        Api.Reply narrowed = patch(root, id, Api.object().add("allowed_ips", Json.createArrayBuilder().add("127.0.0.1")));
        assertEquals(200, narrowed.status(), narrowed::toString);
        assertEquals(List.of("127.0.0.1/32"), allowedIps(narrowed.object()));
        assertEquals(token.getString("name"), narrowed.object().getString("name"));
        assertEquals(token.getString("hash"), narrowed.object().getString("hash"));
        assertEquals(JsonValue.NULL, narrowed.object().get("token"));
        assertIpNotAllowed(readProject(PROXY, secret));
        assertEquals(200, readProject("127.0.0.1", secret).status());

        Api.Reply renamed = patch(root, id, Api.object().add("name", "  renamed "));
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals("renamed", renamed.object().getString("name"));
        assertEquals(List.of("127.0.0.1/32"), allowedIps(renamed.object()), "a field left out stays");
        assertEquals("renamed", find(id).getString("name"));
        assertEquals(200, patch(root, id, Api.object().add("name", "renamed")).status(), "its own name is not taken");

        Api.Reply both = patch(root, id, Api.object().add("name", "both").add("allowed_ips", Json.createArrayBuilder()));
        assertEquals(200, both.status(), both::toString);
        assertEquals(List.of(), allowedIps(both.object()));
        assertEquals("both", find(id).getString("name"));
        assertEquals(200, readProject(PROXY, secret).status(), "widened at once too");
        assertEquals("both", root.as(secret).whoami().object().getString("name"), "the cached name went too");
    }

    @Test
    @RunAsClient
    void patchRulesAnswer400Or409Or404Or403AndChangeNothing() {
        JsonObject token = fixtures.token(project, "viewer");
        String id = token.getString("id");
        JsonObject other = fixtures.token(project, "viewer");
        List<String> notAdmins = List.of(fixtures.secret(project, "editor"), fixtures.secret(project, "admin", broker),
                fixtures.secret(fixtures.project(), "admin"));
        Map<String, String> cases = new TreeMap<>();
        cases.put("{}", "name");
        cases.put(body(Api.object().addNull("name")), "name");
        cases.put(body(Api.object().add("name", "   ")), "name");
        cases.put(body(Api.object().add("name", "x".repeat(31))), "name");
        cases.put(body(Api.object().add("name", 42)), "name");
        cases.put(body(Api.object().add("role", "admin")), "role");
        cases.put(body(Api.object().add("name", "ok").add("valid_date", "2027-01-01")), "valid_date");
        cases.put(body(Api.object().add("type", "restricted")), "type");
        cases.put(body(Api.object().add("allowed_ips", "127.0.0.1")), "allowed_ips");
        cases.put(body(Api.object().add("allowed_ips", Json.createArrayBuilder().add("10.0.0.1/8"))), "allowed_ips");
        cases.put(body(Api.object().add("name", "ok").add("allowed_ips", Json.createArrayBuilder().add("nope"))), "allowed_ips");
        assertEachRejected(cases, body -> root.send("PATCH", Api.token(project, id), body, "application/json"),
                () -> list().toString());

        String before = list().toString();
        Api.Reply taken = patch(root, id, Api.object().add("name", " " + other.getString("name")));
        assertEquals(409, taken.status(), taken::toString);
        assertEquals("CONFLICT", taken.code());
        assertEquals("name", taken.object().getJsonObject("info").getString("field"));
        Api.Reply unknown = patch(root, "no-such-token", Api.object().add("name", "z"));
        assertEquals(404, unknown.status(), unknown::toString);
        assertEquals("NOT_FOUND", unknown.code());
        for (String secret : notAdmins) {
            Api.Reply refused = patch(root.as(secret), id, Api.object().add("name", "by-" + secret.substring(3, 8)));
            assertEquals(403, refused.status(), refused::toString);
            assertEquals("FORBIDDEN", refused.code());
        }
        Api.Reply malformed = root.send("PATCH", Api.token(project, id), "{\"name\":", "application/json");
        assertEquals(400, malformed.status());
        assertEquals("MALFORMED_REQUEST", malformed.code());
        assertEquals(before, list().toString(), "no refused edit changed anything");
        assertEquals(token.getString("name"), find(id).getString("name"));
    }

    @Test
    @RunAsClient
    void aTokenCreatedByAnIpRestrictedTokenInheritsOrNarrowsItsListNeverWidensIt() throws Exception {
        String creator = tokenAllowedFrom("admin", "127.0.0.0/8", "2001:db8::/32").getString("token");
        String path = Api.tokens(project);

        RawHttp.Response inherits = from("127.0.0.1", creator, "POST", path, "{\"name\":\"absent\",\"role\":\"viewer\"}");
        assertEquals(200, inherits.status(), inherits::toString);
        assertEquals(List.of("127.0.0.0/8", "2001:db8::/32"), allowedIps(inherits.object()));
        RawHttp.Response empty = from("127.0.0.1", creator, "POST", path,
                "{\"name\":\"empty\",\"role\":\"viewer\",\"allowed_ips\":[]}");
        assertEquals(200, empty.status(), empty::toString);
        assertEquals(List.of("127.0.0.0/8", "2001:db8::/32"), allowedIps(empty.object()));
        RawHttp.Response narrower = from("127.0.0.1", creator, "POST", path,
                "{\"name\":\"narrower\",\"role\":\"viewer\",\"allowed_ips\":[\"127.0.0.1\",\"2001:db8:1::/48\"]}");
        assertEquals(200, narrower.status(), narrower::toString);
        assertEquals(List.of("127.0.0.1/32", "2001:db8:1::/48"), allowedIps(narrower.object()));

        int tokens = list().size();
        for (String wider : List.of("[\"10.0.0.0/8\"]", "[\"0.0.0.0/0\"]", "[\"127.0.0.1\",\"::1\"]", "[\"126.0.0.0/7\"]",
                "[\"2001:db8::/31\"]", "[\"::/0\"]")) {
            RawHttp.Response refused = from("127.0.0.1", creator, "POST", path,
                    "{\"name\":\"wider\",\"role\":\"viewer\",\"allowed_ips\":" + wider + "}");
            assertEquals(400, refused.status(), wider + " -> " + refused);
            assertEquals("VALIDATION_FAILED", refused.object().getString("code"));
            assertEquals("allowed_ips", refused.object().getJsonObject("info").getString("field"), wider);
        }
        assertEquals(tokens, list().size(), "a refused create creates nothing");
        assertIpNotAllowed(from(PROXY, creator, "POST", path, "{\"name\":\"elsewhere\",\"role\":\"viewer\"}",
                "X-Forwarded-For: 203.0.113.9"));
        assertEquals(tokens, list().size());
    }

    @Test
    @RunAsClient
    void anIpRestrictedTokenCannotWidenOrLiftAnotherTokensListByPatch() throws Exception {
        String caller = tokenAllowedFrom("admin", "127.0.0.0/8").getString("token");
        JsonObject target = tokenAllowedFrom("viewer", "127.0.0.1");
        String path = Api.token(project, target.getString("id"));
        String before = find(target.getString("id")).toString();
        for (String wider : List.of("[]", "[\"0.0.0.0/0\"]", "[\"127.0.0.1\",\"10.0.0.0/8\"]", "[\"::1\"]")) {
            RawHttp.Response refused = from("127.0.0.1", caller, "PATCH", path, "{\"allowed_ips\":" + wider + "}");
            assertEquals(400, refused.status(), wider + " -> " + refused);
            assertEquals("allowed_ips", refused.object().getJsonObject("info").getString("field"), wider);
        }
        assertEquals(before, find(target.getString("id")).toString(), "a refused edit changes nothing");
        RawHttp.Response inside = from("127.0.0.1", caller, "PATCH", path, "{\"allowed_ips\":[\"127.0.0.0/30\"]}");
        assertEquals(200, inside.status(), inside::toString);
        assertEquals(List.of("127.0.0.0/30"), allowedIps(inside.object()));
        RawHttp.Response renamed = from("127.0.0.1", caller, "PATCH", path, "{\"name\":\"by-restricted\"}");
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals(200, patch(root, target.getString("id"), Api.object().add("allowed_ips", Json.createArrayBuilder())).status(),
                "root may lift it");
        assertEquals(List.of(), allowedIps(find(target.getString("id"))));
    }

    // ---- MQTT topic rules (spec section 9)

    private static final String EVERYTHING = "[{\"effect\":\"allow\",\"action\":\"all\",\"filter\":\"#\"}]";
    private static final String SUBSCRIBE_ONLY = "[{\"effect\":\"allow\",\"action\":\"subscribe\",\"filter\":\"#\"}]";
    private static final String DEVICES = "[{\"effect\":\"deny\",\"action\":\"publish\",\"filter\":\"devices/+/cmd\"},"
            + "{\"effect\":\"allow\",\"action\":\"all\",\"filter\":\"devices/${clientid}/#\",\"qos\":[0,1]}]";

    /** One rule as JSON. */
    private static JsonObjectBuilder mqttRule(String effect, String action, String filter) {
        return Api.object().add("effect", effect).add("action", action).add("filter", filter);
    }

    private static JsonArray rules(String json) {
        return Json.createReader(new java.io.StringReader(json)).readArray();
    }

    private static String mqttRules(JsonObject token) {
        return token.getJsonArray("mqtt_rules").toString();
    }

    /** A token created by root with these rules (null: none named); the create's JSON, secret included. */
    private JsonObject tokenWithRules(String role, String rules) {
        JsonObjectBuilder body = Api.object(TokenSpec.of(Fixtures.unique("r").substring(0, 10), role).json());
        if (rules != null) {
            body.add("mqtt_rules", rules(rules));
        }
        Api.Reply reply = root.post(Api.tokens(project), body);
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    @Test
    @RunAsClient
    void everyTokenCarriesMqttRulesTheRolesDefaultWhenNoneAreSet() {
        for (String[] roleAndDefault : new String[][] {{"viewer", SUBSCRIBE_ONLY}, {"editor", EVERYTHING},
                {"admin", EVERYTHING}}) {
            JsonObject created = tokenWithRules(roleAndDefault[0], null);
            assertEquals(roleAndDefault[1], mqttRules(created), roleAndDefault[0]);
            assertEquals(roleAndDefault[1], mqttRules(find(created.getString("id"))), roleAndDefault[0] + " listed");
        }
        JsonObject restricted = fixtures.token(project, "editor", broker);
        assertEquals(EVERYTHING, mqttRules(restricted));
    }

    @Test
    @RunAsClient
    void createStoresTheRulesInOrderAndPatchReplacesThemAndIsAudited() {
        JsonArray given = Json.createArrayBuilder()
                .add(mqttRule("deny", "publish", "devices/+/cmd"))
                .add(mqttRule("allow", "all", "devices/${clientid}/#").add("qos", Json.createArrayBuilder().add(1).add(0)))
                .build();
        JsonObject created = root.post(Api.tokens(project), viewer().add("name", "rules").add("mqtt_rules", given)).object();
        assertEquals(DEVICES, mqttRules(created), "in order, qos ascending, absent keys left out");
        String id = created.getString("id");
        assertEquals(DEVICES, mqttRules(find(id)));

        String replaced = "[{\"effect\":\"allow\",\"action\":\"publish\",\"filter\":\"up/${username}\",\"retain\":false},"
                + "{\"effect\":\"allow\",\"action\":\"subscribe\",\"filter\":\"down/#\",\"qos\":[2]}]";
        Api.Reply patched = patch(root, id, Api.object().add("mqtt_rules", rules(replaced)));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals(replaced, mqttRules(patched.object()));
        assertEquals(replaced, mqttRules(find(id)));
        Api.Reply renamed = patch(root, id, Api.object().add("name", "rules-renamed"));
        assertEquals(replaced, mqttRules(renamed.object()), "a patch without mqtt_rules leaves them");
        Api.Reply none = patch(root, id, Api.object().add("mqtt_rules", Json.createArrayBuilder()));
        assertEquals(200, none.status(), none::toString);
        assertEquals("[]", mqttRules(none.object()), "[]: a valid rule set that denies everything");
        assertEquals(200, patch(root, id, Api.object().add("mqtt_rules", Json.createArrayBuilder())).status());

        List<JsonObject> updates = root.get(Api.project(project) + "/audit?limit=1000").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> id.equals(e.getString("target_id", null)) && e.getString("action").equals("token.update"))
                .toList();
        assertEquals(3, updates.size(), "newest first; the repeated [] changed nothing and wrote nothing: " + updates);
        JsonObject emptied = updates.get(0).getJsonObject("details").getJsonObject("changed").getJsonObject("mqtt_rules");
        assertEquals(replaced, emptied.getJsonArray("from").toString());
        assertEquals("[]", emptied.getJsonArray("to").toString());
        JsonObject first = updates.get(2).getJsonObject("details").getJsonObject("changed").getJsonObject("mqtt_rules");
        assertEquals(DEVICES, first.getJsonArray("from").toString());
        assertEquals(replaced, first.getJsonArray("to").toString());
    }

    @Test
    @RunAsClient
    void badMqttRulesAnswer400NamingTheFieldAndStoreNothing() {
        JsonArrayBuilder sixtyFive = Json.createArrayBuilder();
        for (int i = 0; i < 65; i++) {
            sixtyFive.add(mqttRule("allow", "all", "t/" + i));
        }
        List<JsonValue> bad = List.of(
                Json.createArrayBuilder().add(mqttRule("allow", "all", "a/#/b")).build(),
                Json.createArrayBuilder().add(mqttRule("allow", "all", "ok")).add(mqttRule("allow", "all", "a+")).build(),
                Json.createArrayBuilder().add(mqttRule("allow", "all", "")).build(),
                Json.createArrayBuilder().add(mqttRule("allow", "all", "x".repeat(257))).build(),
                sixtyFive.build(),
                Json.createArrayBuilder().add(mqttRule("allow", "read", "a")).build(),
                Json.createArrayBuilder().add(mqttRule("allow", "all", "a").add("qos", Json.createArrayBuilder().add(3))).build(),
                Json.createArrayBuilder().add(mqttRule("allow", "all", "a").add("qos", Json.createArrayBuilder().add(1).add(1))).build(),
                Json.createArrayBuilder().add(mqttRule("allow", "all", "a").add("retain", "true")).build(),
                Json.createArrayBuilder().add(mqttRule("allow", "all", "a").add("topic", "a")).build(),
                Json.createArrayBuilder().add("#").build(),
                Json.createValue("#"),
                Json.createObjectBuilder().build());
        Map<String, String> creates = new TreeMap<>();
        Map<String, String> patches = new TreeMap<>();
        for (JsonValue rules : bad) {
            creates.put(body(viewer().add("mqtt_rules", rules)), "mqtt_rules");
            patches.put(body(Api.object().add("name", "changed").add("mqtt_rules", rules)), "mqtt_rules");
        }
        assertEachRejected(creates, body -> root.post(Api.tokens(project), body), () -> list().toString());
        String id = tokenWithRules("editor", DEVICES).getString("id");
        assertEachRejected(patches, body -> root.send("PATCH", Api.token(project, id), body, "application/json"),
                () -> list().toString());
        assertEquals(DEVICES, mqttRules(find(id)));

        JsonArrayBuilder sixtyFour = Json.createArrayBuilder();
        for (int i = 0; i < 64; i++) {
            sixtyFour.add(mqttRule("allow", "all", i == 63 ? "y".repeat(256) : "t/" + i));
        }
        Api.Reply most = root.post(Api.tokens(project), viewer().add("name", "most").add("mqtt_rules", sixtyFour));
        assertEquals(200, most.status(), most::toString);
        assertEquals(64, most.object().getJsonArray("mqtt_rules").size());
        assertEquals("y".repeat(256), find(most.object().getString("id")).getJsonArray("mqtt_rules").getJsonObject(63)
                .getString("filter"), "stored whole");
    }

    @Test
    @RunAsClient
    void aTokenWithNarrowerRulesHandsOutOnlyItsOwnAndAbsentInheritsThem() {
        // the targets first: a token may rotate only a token that ends no later than itself (spec section 6)
        JsonObject wide = tokenWithRules("viewer", null);
        JsonObject same = tokenWithRules("viewer", DEVICES);
        JsonObject caller = tokenWithRules("admin", DEVICES);
        Api narrow = root.as(caller.getString("token"));
        String path = Api.tokens(project);

        Api.Reply inherits = narrow.post(path, viewer().add("name", "inherits"));
        assertEquals(200, inherits.status(), inherits::toString);
        assertEquals(DEVICES, mqttRules(inherits.object()), "absent: the creator's own rules, not the role's default");
        Api.Reply equal = narrow.post(path, viewer().add("name", "equal").add("mqtt_rules", rules(DEVICES)));
        assertEquals(200, equal.status(), equal::toString);
        assertEquals(DEVICES, mqttRules(equal.object()));

        int tokens = list().size();
        String narrower = "[{\"effect\":\"allow\",\"action\":\"all\",\"filter\":\"devices/${clientid}/#\",\"qos\":[0]}]";
        for (String other : List.of(EVERYTHING, SUBSCRIBE_ONLY, narrower, "[]")) {
            Api.Reply refused = narrow.post(path, viewer().add("name", "other").add("mqtt_rules", rules(other)));
            assertProblem(refused, 400, "VALIDATION_FAILED", "mqtt_rules");
            Api.Reply patched = patch(narrow, wide.getString("id"), Api.object().add("mqtt_rules", rules(other)));
            assertProblem(patched, 400, "VALIDATION_FAILED", "mqtt_rules");
        }
        assertEquals(tokens, list().size(), "a refused create creates nothing");
        assertEquals(SUBSCRIBE_ONLY, mqttRules(find(wide.getString("id"))), "a refused edit changes nothing");

        String before = find(wide.getString("id")).toString();
        assertForbiddenBecause("escalation", rotate(narrow, wide.getString("id"), Api.object()));
        assertEquals(before, find(wide.getString("id")).toString(), "its secret was not handed over");
        assertEquals(200, rotate(narrow, same.getString("id"), Api.object()).status(), "same rules: within the caller");

        Api.Reply patched = patch(narrow, wide.getString("id"), Api.object().add("mqtt_rules", rules(DEVICES)));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals(DEVICES, mqttRules(patched.object()));
        assertEquals(200, patch(narrow, wide.getString("id"), Api.object().add("name", "renamed-by-narrow")).status(),
                "a patch without mqtt_rules is not about them");

        Api everything = root.as(tokenWithRules("admin", null).getString("token"));
        Api.Reply any = everything.post(path, viewer().add("name", "any").add("mqtt_rules", rules(narrower)));
        assertEquals(200, any.status(), "a token granting everything hands out any rules: " + any);
        Api.Reply byDefault = everything.post(path, viewer().add("name", "default"));
        assertEquals(SUBSCRIBE_ONLY, mqttRules(byDefault.object()), "and absent means the role's default");
    }

    // ---- token lifecycle (spec section 6)

    private Api.Reply rotate(Api as, String tokenId, JsonObjectBuilder body) {
        return as.post(Api.token(project, tokenId) + "/rotate", body);
    }

    private Api.Reply suspend(String tokenId, JsonObjectBuilder body) {
        return root.post(Api.token(project, tokenId) + "/suspend", body);
    }

    /** Without a body, as the contract allows. */
    private Api.Reply resume(String tokenId) {
        return root.send("POST", Api.token(project, tokenId) + "/resume", null, null);
    }

    /** The {@code info.reason} of a 401 (asserted to be one). */
    private static String refusal(Api.Reply reply) {
        assertUnauthorized(reply);
        return reply.object().getJsonObject("info").getString("reason");
    }

    private static long number(JsonObject json, String field) {
        return json.getJsonNumber(field).longValue();
    }

    @Test
    @RunAsClient
    void rotationWithoutGraceRefusesTheOldSecretAtOnceAsRotatedAndKeepsTheToken() {
        JsonObject before = fixtures.token(project, "editor", broker);
        String old = before.getString("token");
        assertEquals(200, root.as(old).getProject(project).status());
        long asked = System.currentTimeMillis();
        Api.Reply reply = rotate(root, before.getString("id"), Api.object());
        assertEquals(200, reply.status(), reply::toString);
        JsonObject after = reply.object();
        String secret = after.getString("token");
        assertTrue(secret.matches("tg_[0-9A-Za-z]{36}") && !secret.equals(old), secret);
        assertEquals(sha256(secret), after.getString("hash"));
        for (String kept : List.of("id", "name", "role_id", "type", "brokers", "issuer", "issue_date", "valid_date")) {
            assertEquals(before.get(kept), after.get(kept), kept);
        }
        assertTrue(number(after, "rotated_date") >= asked);
        assertEquals(JsonValue.NULL, after.get("previous_valid_until"), "no grace");
        assertEquals("valid", after.getString("status"));
        assertEquals("rotated", refusal(root.as(old).getProject(project)));
        assertEquals(200, root.as(secret).getProject(project).status());
        assertEquals(JsonValue.NULL, find(before.getString("id")).get("token"));
        assertFalse(root.listTokens(project).body().contains(secret));
    }

    @Test
    @RunAsClient
    void previousSecretWorksUntilItsGraceEndsThenIsRefusedAsRotated() throws Exception {
        JsonObject token = fixtures.token(project, "viewer");
        String old = token.getString("token");
        Api.Reply reply = rotate(root, token.getString("id"), Api.object().add("grace_seconds", 5));
        assertEquals(200, reply.status(), reply::toString);
        long until = number(reply.object(), "previous_valid_until");
        assertEquals(number(reply.object(), "rotated_date") + 5_000, until);
        // 5 s leave room for this one request on a loaded machine; the refusal is asked only after the end
        assertEquals(200, root.as(old).getProject(project).status(), "inside the grace");
        assertEquals(200, root.as(reply.object().getString("token")).getProject(project).status());
        serverClock.passes(until + 50);
        assertEquals("rotated", refusal(root.as(old).getProject(project)));
        assertEquals(until, number(find(token.getString("id")), "previous_valid_until"));
    }

    @Test
    @RunAsClient
    void secondRotationEndsTheEarlierPreviousSecretAtOnce() {
        JsonObject token = fixtures.token(project, "viewer");
        String first = token.getString("token");
        Api.Reply once = rotate(root, token.getString("id"), Api.object().add("grace_seconds", 3600));
        String second = once.object().getString("token");
        assertEquals(200, root.as(first).getProject(project).status(), "first secret in its hour of grace");
        Api.Reply twice = rotate(root, token.getString("id"), Api.object().add("grace_seconds", 3600));
        assertEquals(200, twice.status(), twice::toString);
        String third = twice.object().getString("token");
        assertEquals("rotated", refusal(root.as(first).getProject(project)), "at most two secrets work");
        assertEquals(200, root.as(second).getProject(project).status());
        assertEquals(200, root.as(third).getProject(project).status());
    }

    @Test
    @RunAsClient
    void rotateBodyIsStrictAndRefusalsChangeNothing() {
        JsonObject token = fixtures.token(project, "viewer");
        Map<String, String> cases = new TreeMap<>();
        cases.put(body(Api.object().add("grace_seconds", -1)), "grace_seconds");
        cases.put(body(Api.object().add("grace_seconds", 86_401)), "grace_seconds");
        cases.put(body(Api.object().add("grace_seconds", "60")), "grace_seconds");
        cases.put(body(Api.object().add("grace_seconds", 1.5)), "grace_seconds");
        cases.put(body(Api.object().add("valid_date", "2001-01-01")), "valid_date");
        cases.put(body(Api.object().add("valid_date", LocalDate.now(ZoneOffset.UTC).plusDays(400).toString())), "valid_date");
        cases.put(body(Api.object().add("grace", 60)), "grace");
        assertEachRejected(cases, body -> root.post(Api.token(project, token.getString("id")) + "/rotate", body),
                () -> find(token.getString("id")).toString());
        assertEquals(200, root.as(token.getString("token")).getProject(project).status());
        assertEquals(404, rotate(root, "no-such-token", Api.object()).status());
    }

    @Test
    @RunAsClient
    void tokenRotatesItselfWithoutMovingItsValidDateLaterButNoOtherToken() {
        long own = System.currentTimeMillis() + 10 * DAY;
        JsonObject viewer = root.createToken(project, TokenSpec.of("self", "viewer").restricted(broker).validDate(own)).object();
        Api self = root.as(viewer.getString("token"));
        String other = fixtures.token(project, "viewer").getString("id");
        assertForbidden(rotate(self, other, Api.object()));

        Api.Reply later = rotate(self, viewer.getString("id"), Api.object().add("valid_date", String.valueOf(own + 1)));
        assertProblem(later, 400, "VALIDATION_FAILED", "valid_date");
        assertEquals(200, self.getProject(project).status(), "a refused rotation changes nothing");

        Api.Reply rotated = rotate(self, viewer.getString("id"), Api.object().add("valid_date", String.valueOf(own - DAY)));
        assertEquals(200, rotated.status(), rotated::toString);
        assertEquals(own - DAY, number(rotated.object(), "valid_date"), "earlier is allowed");
        Api renewed = root.as(rotated.object().getString("token"));
        assertEquals(200, renewed.getProject(project).status());
        assertEquals(200, rotate(renewed, viewer.getString("id"), Api.object()).status(), "again, with the new secret");
        assertEquals("rotated", refusal(self.getProject(project)));
    }

    @Test
    @RunAsClient
    void adminTokenCannotGiveAnotherTokenAValidDateBeyondItsOwn() {
        long own = System.currentTimeMillis() + 5 * DAY;
        Api admin = root.as(root.createToken(project, TokenSpec.of("adm", "admin").validDate(own)).object().getString("token"));
        String other = fixtures.token(project, "viewer").getString("id");
        // the new secret would be the caller's: beyond its own end is escalation (spec section 6), not a 400
        assertForbiddenBecause("escalation", rotate(admin, other, Api.object().add("valid_date", String.valueOf(own + 1))));
        Api.Reply within = rotate(admin, other, Api.object().add("valid_date", String.valueOf(own)));
        assertEquals(200, within.status(), within::toString);
        assertEquals(own, number(within.object(), "valid_date"));
    }

    @Test
    @RunAsClient
    void expiredTokenIsRefusedAsExpiredAndRotatesOnlyWithANewValidDate() throws Exception {
        long soon = System.currentTimeMillis() + 4_000;
        JsonObject token = create("ends", soon);
        serverClock.passes(soon + 100);
        assertEquals("expired", refusal(root.as(token.getString("token")).getProject(project)));
        assertProblem(rotate(root, token.getString("id"), Api.object()), 400, "VALIDATION_FAILED", "valid_date");
        Api.Reply renewed = rotate(root, token.getString("id"), Api.object().add("valid_date",
                LocalDate.now(ZoneOffset.UTC).plusDays(3).toString()));
        assertEquals(200, renewed.status(), renewed::toString);
        assertEquals("valid", renewed.object().getString("status"));
        assertEquals(200, root.as(renewed.object().getString("token")).getProject(project).status());
    }

    @Test
    @RunAsClient
    void suspendedTokenIsRefusedAsSuspendedUntilResumedAndBothAreIdempotent() {
        JsonObject token = fixtures.token(project, "viewer");
        String id = token.getString("id");
        Api caller = root.as(token.getString("token"));
        assertEquals(200, caller.getProject(project).status());
        long asked = System.currentTimeMillis();
        Api.Reply suspended = suspend(id, Api.object().add("reason", "seen in a CI log"));
        assertEquals(200, suspended.status(), suspended::toString);
        assertEquals("suspended", suspended.object().getString("status"));
        long date = number(suspended.object(), "suspended_date");
        assertTrue(date >= asked);
        assertEquals("seen in a CI log", suspended.object().getString("suspend_reason"));
        assertEquals("suspended", refusal(caller.getProject(project)));

        Api.Reply again = suspend(id, Api.object().add("reason", "another reason"));
        assertEquals(200, again.status(), again::toString);
        assertEquals(date, number(again.object(), "suspended_date"), "the first date stays");
        assertEquals("seen in a CI log", again.object().getString("suspend_reason"), "the first reason stays");

        Api.Reply rotated = rotate(root, id, Api.object().add("grace_seconds", 60));
        assertEquals("suspended", rotated.object().getString("status"), "a rotation does not lift a suspension");
        assertEquals("suspended", refusal(root.as(rotated.object().getString("token")).getProject(project)));
        assertEquals("suspended", refusal(caller.getProject(project)), "the previous secret in grace too");

        Api.Reply resumed = resume(id);
        assertEquals(200, resumed.status(), resumed::toString);
        assertEquals("valid", resumed.object().getString("status"));
        assertEquals(JsonValue.NULL, resumed.object().get("suspended_date"));
        assertEquals(JsonValue.NULL, resumed.object().get("suspend_reason"));
        assertEquals(200, root.as(rotated.object().getString("token")).getProject(project).status());
        assertEquals(200, resume(id).status(), "resuming an active token changes nothing");
        Api.Reply withoutBody = root.send("POST", Api.token(project, id) + "/suspend", null, null);
        assertEquals(200, withoutBody.status(), withoutBody::toString);
        assertEquals(JsonValue.NULL, withoutBody.object().get("suspend_reason"));
    }

    @Test
    @RunAsClient
    void suspendAndResumeAreForAdminsAndTheirBodiesAreStrict() {
        JsonObject token = fixtures.token(project, "viewer");
        String id = token.getString("id");
        Map<String, String> cases = new TreeMap<>();
        cases.put(body(Api.object().add("reason", "x".repeat(201))), "reason");
        cases.put(body(Api.object().add("reason", 7)), "reason");
        cases.put(body(Api.object().add("why", "x")), "why");
        assertEachRejected(cases, body -> root.post(Api.token(project, id) + "/suspend", body),
                () -> find(id).toString());
        assertProblem(root.post(Api.token(project, id) + "/resume", Api.object().add("now", true)), 400,
                "VALIDATION_FAILED", "now");
        Api self = root.as(token.getString("token"));
        assertForbidden(self.post(Api.token(project, id) + "/suspend", Api.object()));
        assertEquals(200, self.getProject(project).status());
        assertEquals(404, suspend("no-such-token", Api.object()).status());
        assertEquals(200, suspend(id, Api.object().add("reason", "x".repeat(200))).status());
    }

    @Test
    @RunAsClient
    void deletedTokenIsRefusedAsRevokedAndGarbageAsInvalid() {
        JsonObject token = fixtures.token(project, "viewer");
        JsonObject rotatedOut = fixtures.token(project, "viewer");
        String previous = rotatedOut.getString("token");
        assertEquals(200, rotate(root, rotatedOut.getString("id"), Api.object().add("grace_seconds", 3600)).status());
        assertEquals(200, root.deleteToken(project, token.getString("id")).status());
        assertEquals(200, root.deleteToken(project, rotatedOut.getString("id")).status());
        assertEquals("revoked", refusal(root.as(token.getString("token")).getProject(project)));
        assertEquals("revoked", refusal(root.as(previous).getProject(project)), "revoked wins over rotated");

        String doomed = fixtures.project();
        JsonObject inDoomedProject = fixtures.token(doomed, "admin");
        Api.Reply doomedRotation = root.post(Api.token(doomed, inDoomedProject.getString("id")) + "/rotate",
                Api.object().add("grace_seconds", 3600));
        assertEquals(200, doomedRotation.status(), doomedRotation::toString);
        assertEquals(200, root.deleteProject(doomed).status());
        assertEquals("revoked", refusal(root.as(doomedRotation.object().getString("token")).whoami()), "with its project");
        assertEquals("revoked", refusal(root.as(inDoomedProject.getString("token")).whoami()), "its previous secret too");

        String unknown = fixtures.secret(project, "viewer");
        char last = unknown.charAt(unknown.length() - 1);
        for (String credential : List.of("tg_nonsense", unknown.substring(0, unknown.length() - 1) + (last == 'a' ? 'b' : 'a'),
                "not-a-token", "a.b.c", "tg_" + "A".repeat(30) + "000000")) {
            assertEquals("invalid", refusal(root.as(credential).getProject(project)), credential);
        }
        assertEquals("invalid", refusal(root.anonymous().getProject(project)), "no credential");
        Api.Reply basic = Api.send(java.net.http.HttpRequest.newBuilder(root.base().resolve(Api.projects()))
                .header("Authorization", "Basic cm9vdDpyb290").build());
        assertEquals("invalid", refusal(basic));
        assertEquals(List.of("reason"), List.copyOf(root.as("tg_nonsense").getProject(project).object()
                .getJsonObject("info").keySet()), "nothing else is revealed");
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void expirationHeaderIsTheTokensValidDateInIsoUtcMillisOnItsAnswersOnly() {
        JsonObject token = create("hdr", LocalDate.now(ZoneOffset.UTC).plusDays(20).toString());
        String expected = Instant.ofEpochMilli(number(token, "valid_date")).toString();
        assertTrue(expected.endsWith("T23:59:59.999Z"), expected);
        Api caller = root.as(token.getString("token"));
        assertEquals(expected, caller.getProject(project).header("Tollgate-Token-Expiration"));
        Api.Reply forbidden = caller.listTokens(project);
        assertEquals(403, forbidden.status());
        assertEquals(expected, forbidden.header("Tollgate-Token-Expiration"), "on its 403s too");
        assertEquals(null, root.getProject(project).header("Tollgate-Token-Expiration"), "never for root");
        assertEquals(null, root.as("tg_nonsense").getProject(project).header("Tollgate-Token-Expiration"));
        String user = Fixtures.unique("hdr");
        assertEquals(200, root.createUser(user, "a-long-password-123").status());
        String jwt = root.login(user, "a-long-password-123").object().getString("token");
        assertEquals(null, root.as(jwt).whoami().header("Tollgate-Token-Expiration"), "never for a person");
        assertEquals(200, suspend(token.getString("id"), Api.object()).status());
        assertEquals(null, caller.getProject(project).header("Tollgate-Token-Expiration"), "not on a 401");

        long odd = (System.currentTimeMillis() + 2 * DAY) / 1000 * 1000 + 7;
        JsonObject exact = create("exact", odd);
        String header = root.as(exact.getString("token")).whoami().header("Tollgate-Token-Expiration");
        assertTrue(header.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.007Z"), header);
        assertEquals(odd, Instant.parse(header).toEpochMilli());
    }

    @Test
    @RunAsClient
    void statusFilterListsValidExpiredSuspendedAndExpiringTokens() throws Exception {
        long soon = System.currentTimeMillis() + 3_000;
        create("soon", soon);
        create("week", System.currentTimeMillis() + 3 * DAY);
        create("month", System.currentTimeMillis() + 30 * DAY);
        String held = create("held", System.currentTimeMillis() + 30 * DAY).getString("id");
        assertEquals(200, suspend(held, Api.object()).status());
        serverClock.passes(soon + 100);
        Map<String, List<String>> expected = Map.of("valid", List.of("week", "month"), "expired", List.of("soon"),
                "suspended", List.of("held"), "expiring", List.of("week"));
        expected.forEach((status, names) -> {
            Api.Reply reply = root.listTokens(project, "status=" + status);
            assertEquals(200, reply.status(), reply::toString);
            assertEquals(names, reply.array().stream().map(t -> t.asJsonObject().getString("name")).toList(), status);
            reply.array().forEach(t -> assertEquals(status.equals("expiring") ? "valid" : status,
                    t.asJsonObject().getString("status")));
        });
        assertEquals(List.of("month"), root.listTokens(project, "status=valid&offset=1").array().stream()
                .map(t -> t.asJsonObject().getString("name")).toList(), "pages within the filter");
        for (String bad : List.of("bogus", "VALID", "")) {
            assertProblem(root.listTokens(project, "status=" + bad), 400, "VALIDATION_FAILED", "status");
        }
    }

    @Test
    @RunAsClient
    void leakReportSuspendsEveryMatchingTokenAndAnswersTheSameForUnknownValues() {
        JsonObject current = fixtures.token(project, "viewer");
        JsonObject rotated = fixtures.token(project, "viewer");
        JsonObject already = fixtures.token(project, "viewer");
        JsonObject untouched = fixtures.token(project, "viewer");
        String previous = rotated.getString("token");
        Api.Reply rotation = rotate(root, rotated.getString("id"), Api.object());
        assertEquals(200, rotation.status());
        assertEquals(200, suspend(already.getString("id"), Api.object().add("reason", "by hand")).status());
        String unknown = "tg_x"; // not well-formed
        String wellFormedUnknown = wellFormed("tg_" + "Q".repeat(30));

        Api anonymous = root.anonymous();
        Api.Reply report = anonymous.post("api/tokens/leaks", Api.object()
                .add("tokens", Json.createArrayBuilder().add(current.getString("token")).add(previous)
                        .add(already.getString("token")).add(unknown).add(wellFormedUnknown))
                .add("source", "https://paste.example/abc"));
        assertEquals(200, report.status(), report::toString);
        assertEquals("{\"received\":5}", report.body().strip());
        Api.Reply nothing = anonymous.post("api/tokens/leaks", Api.object()
                .add("tokens", Json.createArrayBuilder().add(unknown).add(wellFormedUnknown).add("a").add("b").add("c"))
                .add("source", "https://paste.example/abc"));
        assertEquals(report.status(), nothing.status());
        assertEquals(report.body(), nothing.body(), "the same answer whatever matched");

        for (JsonObject leaked : List.of(current, rotated)) {
            JsonObject listed = find(leaked.getString("id"));
            assertEquals("suspended", listed.getString("status"));
            assertEquals("reported leaked: https://paste.example/abc", listed.getString("suspend_reason"));
        }
        assertEquals("suspended", refusal(root.as(current.getString("token")).getProject(project)));
        assertEquals("suspended", refusal(root.as(rotation.object().getString("token")).getProject(project)),
                "a previous secret past its grace suspends the token too");
        assertEquals("by hand", find(already.getString("id")).getString("suspend_reason"), "unchanged");
        assertEquals("valid", find(untouched.getString("id")).getString("status"));

        jakarta.json.JsonArrayBuilder many = Json.createArrayBuilder();
        for (int i = 0; i < 101; i++) {
            many.add("v" + i);
        }
        Map<String, String> cases = new TreeMap<>();
        cases.put(body(Api.object().add("tokens", many)), "tokens");
        cases.put(body(Api.object().add("tokens", Json.createArrayBuilder())), "tokens");
        cases.put(body(Api.object().add("source", "x")), "tokens");
        cases.put(body(Api.object().add("tokens", Json.createArrayBuilder().add(1))), "tokens");
        cases.put(body(Api.object().add("tokens", Json.createArrayBuilder().add("a")).add("source", "s".repeat(501))), "source");
        cases.put(body(Api.object().add("tokens", Json.createArrayBuilder().add("a")).add("where", "x")), "where");
        assertEachRejected(cases, body -> anonymous.post("api/tokens/leaks", body));
        Api.Reply bare = anonymous.post("api/tokens/leaks", Api.object()
                .add("tokens", Json.createArrayBuilder().add(untouched.getString("token"))));
        assertEquals("{\"received\":1}", bare.body().strip());
        assertEquals("reported leaked", find(untouched.getString("id")).getString("suspend_reason"));
    }

    /** {@code body} with the checksum a well-formed secret carries (CRC32 in 6 base62 digits). */
    private static String wellFormed(String body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long value = crc.getValue();
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        char[] checksum = new char[6];
        for (int i = 5; i >= 0; i--) {
            checksum[i] = digits.charAt((int) (value % 62));
            value /= 62;
        }
        return body + new String(checksum);
    }

    // ---- the lifecycle in the audit trail (spec section 7)

    @Test
    @RunAsClient
    void lifecycleActionsAreAuditedWithTheirActorAndNoOpsAndSecretsAreNot() {
        String audited = fixtures.project();
        // the target first: a token may rotate only a token that ends no later than itself (spec section 6)
        JsonObject target = fixtures.token(audited, "viewer");
        JsonObject admin = fixtures.token(audited, "admin");
        String adminSecret = admin.getString("token");
        String id = target.getString("id");
        String path = Api.token(audited, id);
        Api asAdmin = root.as(adminSecret);

        Api.Reply rotated = asAdmin.post(path + "/rotate", Api.object().add("grace_seconds", 60));
        assertEquals(200, rotated.status(), rotated::toString);
        String newSecret = rotated.object().getString("token");
        assertEquals(200, root.post(path + "/suspend", Api.object().add("reason", "by hand")).status());
        assertEquals(200, root.post(path + "/suspend", Api.object().add("reason", "again")).status());
        assertEquals(200, root.send("POST", path + "/resume", null, null).status());
        assertEquals(200, root.send("POST", path + "/resume", null, null).status());
        assertEquals(200, root.send("PATCH", path, "{\"name\":\"renamed\"}", "application/json").status());
        assertEquals(200, root.send("PATCH", path, "{\"name\":\"renamed\"}", "application/json").status());
        assertEquals(200, root.anonymous().post("api/tokens/leaks", Api.object()
                .add("tokens", Json.createArrayBuilder().add(newSecret))).status());

        Api.Reply reply = root.get(Api.project(audited) + "/audit?limit=1000");
        assertEquals(200, reply.status(), reply::toString);
        assertFalse(reply.body().contains(newSecret) || reply.body().contains(target.getString("token"))
                || reply.body().contains(adminSecret), "no secret in any event");
        List<JsonObject> mine = reply.array().stream().map(JsonValue::asJsonObject)
                .filter(e -> id.equals(e.getString("target_id", null)))
                .filter(e -> !e.getString("action").equals("token.create"))
                .toList();
        assertEquals(List.of("token.suspend", "token.update", "token.resume", "token.suspend", "token.rotate"),
                mine.stream().map(e -> e.getString("action")).toList(), "newest first; repeated no-ops write nothing");
        assertEquals(List.of("leak-report", "root", "root", "root", "token:" + admin.getString("name")),
                mine.stream().map(e -> e.getString("actor")).toList());
        JsonObject rotation = mine.get(4).getJsonObject("details");
        assertEquals(60, rotation.getInt("grace_seconds"));
        assertFalse(rotation.toString().contains(rotated.object().getString("hash")), "not even the new hash");
        assertEquals("by hand", mine.get(3).getJsonObject("details").getString("reason"));
        assertEquals("renamed", mine.get(1).getJsonObject("details").getJsonObject("changed")
                .getJsonObject("name").getString("to"));
        assertTrue(mine.get(0).getJsonObject("details").getString("reason").startsWith("reported leaked"));
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
    @RunAsClient
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
    @RunAsClient
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
    @RunAsClient
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
    @RunAsClient
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
    @RunAsClient
    void deletingATokenDeletesItsUsage() throws Exception {
        JsonObject token = fixtures.token(project, "viewer");
        assertEquals(200, root.as(token.getString("token")).getProject(project).status());
        awaitUsage(token.getString("id"), 1, 4);
        assertEquals(200, root.deleteToken(project, token.getString("id")).status());
        assertEquals(404, root.tokenUsage(project, token.getString("id"), "").status());
        assertEquals(List.of(), UsageRows.of(token.getString("id")), "rows of the deleted token");
    }

    /**
     * Rotate, suspend and resume take an optional body (they consume any type so that a bodyless POST
     * passes on every runtime), but a body sent must still be {@code application/json}: anything
     * else, wildcards included, is a 415 that changes nothing (spec section 8).
     */
    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void tokenActionsWithANonJsonBodyAre415AndChangeNothing() {
        JsonObject token = fixtures.token(project, "viewer");
        String path = Api.token(project, token.getString("id"));
        Api caller = root.as(token.getString("token"));
        String body = Api.object().add("reason", "x").build().toString();
        for (String action : List.of("/suspend", "/rotate", "/resume")) {
            for (String type : List.of("text/plain", "*/*", "application/*", "application/x-www-form-urlencoded")) {
                assertProblem(root.send("POST", path + action, body, type), 415, "UNSUPPORTED_MEDIA_TYPE");
            }
        }
        assertEquals(200, caller.getProject(project).status(), "neither suspended nor rotated");
        JsonObject stored = root.listTokens(project).array().getValuesAs(JsonObject.class).stream()
                .filter(listed -> listed.getString("id").equals(token.getString("id"))).findFirst().orElseThrow();
        assertEquals("valid", stored.getString("status"));
        assertEquals(JsonValue.NULL, stored.get("rotated_date"));
        assertEquals(200, root.send("POST", path + "/suspend", null, null).status(), "no body at all is still fine");
    }

    /** The usage log and {@code last_used_ip} follow the client address rule of the allow-list (spec section 7). */
    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void usageLogRecordsTheForwardedClientBehindATrustedProxyAndThePeerOtherwise() throws Exception {
        JsonObject token = fixtures.token(project, "viewer");
        String secret = token.getString("token");
        assertEquals(200, readProject(PROXY, secret, "X-Forwarded-For: 198.51.100.1, 203.0.113.9").status());
        Thread.sleep(5);
        assertEquals(200, readProject("127.0.0.1", secret, "X-Forwarded-For: 203.0.113.10").status());
        Thread.sleep(5);
        assertEquals(200, readProject(PROXY, secret).status());

        JsonArray uses = awaitUsage(token.getString("id"), 3, 4);
        assertEquals("127.0.0.2", uses.getJsonObject(0).getString("ip"), "the proxy itself, without the header");
        assertEquals("127.0.0.1", uses.getJsonObject(1).getString("ip"), "an untrusted peer's header is ignored");
        assertEquals("203.0.113.9", uses.getJsonObject(2).getString("ip"), "the right-most address no trusted proxy");
        assertEquals(pathOf(Api.project(project)), uses.getJsonObject(2).getString("path"));
    }

    // ---- issue 20: a previous secret acts on no token, rotation is no way around the caller's limits,
    // bounded token lists (spec section 6, precedence and edge rules)

    private static final String EXPIRATION = "Tollgate-Token-Expiration";

    /** 403 {@code FORBIDDEN} with this {@code info.reason} and nothing else in {@code info}. */
    private static void assertForbiddenBecause(String reason, int status, JsonObject body, String context) {
        assertEquals(403, status, context);
        assertEquals("FORBIDDEN", body.getString("code"), context);
        assertEquals(Map.of("reason", Json.createValue(reason)), Map.copyOf(body.getJsonObject("info")), context);
    }

    private static void assertForbiddenBecause(String reason, Api.Reply reply) {
        assertForbiddenBecause(reason, reply.status(), reply.object(), reply.toString());
    }

    /** The expiration header, as epoch ms, after checking its form (UTC, milliseconds). */
    private static long expiration(String header) {
        assertTrue(header != null && header.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), header);
        return Instant.parse(header).toEpochMilli();
    }

    @Test
    @RunAsClient
    void aPreviousSecretInItsGraceReadsButActsOnNoTokenAndItsHeaderNamesItsEnd() throws Exception {
        JsonObject admin = fixtures.token(project, "admin");
        String id = admin.getString("id");
        JsonObject other = fixtures.token(project, "viewer");
        String otherId = other.getString("id");
        Api.Reply rotation = rotate(root, id, Api.object().add("grace_seconds", 3600));
        assertEquals(200, rotation.status(), rotation::toString);
        long until = number(rotation.object(), "previous_valid_until");
        Api previous = root.as(admin.getString("token"));
        Api current = root.as(rotation.object().getString("token"));

        for (Api.Reply read : List.of(previous.getProject(project), previous.listTokens(project),
                previous.tokenUsage(project, otherId, ""), previous.whoami())) {
            assertEquals(200, read.status(), read::toString);
            assertEquals(until, expiration(read.header(EXPIRATION)), "the previous secret's end, not the token's");
        }
        assertEquals(until, number(previous.whoami().object(), "expires_at"));
        assertEquals(number(admin, "valid_date"), expiration(current.getProject(project).header(EXPIRATION)),
                "the current secret's header is the token's valid_date");

        String tokenPath = Api.token(project, id);
        String otherPath = Api.token(project, otherId);
        Map<String, Api.Reply> refused = new TreeMap<>();
        refused.put("rotate itself, no grace", previous.post(tokenPath + "/rotate", Api.object().add("grace_seconds", 0)));
        refused.put("rotate itself, no body", previous.send("POST", tokenPath + "/rotate", null, null));
        refused.put("rotate another", previous.post(otherPath + "/rotate", Api.object()));
        refused.put("create", previous.createToken(project, TokenSpec.of("child", "viewer")));
        refused.put("suspend itself", previous.post(tokenPath + "/suspend", Api.object()));
        refused.put("suspend another", previous.post(otherPath + "/suspend", Api.object()));
        refused.put("resume another", previous.send("POST", otherPath + "/resume", null, null));
        refused.put("patch itself", patch(previous, id, Api.object().add("name", "renamed")));
        refused.put("patch another", patch(previous, otherId, Api.object().add("name", "renamed")));
        refused.put("delete another", previous.deleteToken(project, otherId));
        refused.put("delete itself", previous.deleteToken(project, id));
        refused.forEach((action, reply) -> {
            assertForbiddenBecause("previous_secret", reply.status(), reply.object(), action + " -> " + reply);
            assertEquals(until, expiration(reply.header(EXPIRATION)), action + ": on its 403s too");
        });

        JsonArray tokens = list();
        assertEquals(2, tokens.size(), "nothing created, nothing deleted");
        JsonObject self = find(id);
        assertEquals(rotation.object().getString("hash"), self.getString("hash"), "not rotated again");
        assertEquals(admin.getString("name"), self.getString("name"));
        assertEquals("valid", self.getString("status"));
        assertEquals(other.getString("hash"), find(otherId).getString("hash"));
        assertEquals(other.getString("name"), find(otherId).getString("name"));
        assertEquals("valid", find(otherId).getString("status"));
        assertEquals(200, previous.getProject(project).status(), "the previous secret still works, until its grace ends");
        assertEquals(200, current.getProject(project).status());

        assertEquals(200, current.post(otherPath + "/suspend", Api.object()).status(), "the current secret acts on tokens");
        assertEquals(200, current.send("POST", otherPath + "/resume", null, null).status());
    }

    @Test
    @RunAsClient
    void aShortLivedAdminTokenCannotRotateALongerLivedTokenAndTakeItsSecret() {
        long hour = System.currentTimeMillis() + 3_600_000;
        JsonObject admin = root.createToken(project, TokenSpec.of("hour", "admin").validDate(hour)).object();
        Api caller = root.as(admin.getString("token"));
        JsonObject long20 = create("twenty-days", System.currentTimeMillis() + 20 * DAY);
        String id = long20.getString("id");
        String before = find(id).toString();

        assertForbiddenBecause("escalation", rotate(caller, id, Api.object().add("grace_seconds", 0)));
        assertForbiddenBecause("escalation", rotate(caller, id, Api.object().add("valid_date", String.valueOf(hour + 1))));
        assertForbiddenBecause("escalation", rotate(caller, id, Api.object().add("grace_seconds", 60)
                .add("valid_date", LocalDate.now(ZoneOffset.UTC).plusDays(5).toString())));
        assertEquals(before, find(id).toString(), "a refused rotation changes nothing");
        assertEquals(200, root.as(long20.getString("token")).getProject(project).status(), "its secret still works");

        Api.Reply within = rotate(caller, id, Api.object().add("valid_date", String.valueOf(hour)));
        assertEquals(200, within.status(), within::toString);
        assertEquals(hour, number(within.object(), "valid_date"), "brought within the caller's end, it may");
        JsonObject shorter = create("half-hour", System.currentTimeMillis() + 1_800_000);
        assertEquals(200, rotate(caller, shorter.getString("id"), Api.object()).status(), "one ending sooner, as it is");
        assertForbidden(rotate(root.as(fixtures.secret(project, "admin", broker)), shorter.getString("id"), Api.object()));
    }

    /** A token created by root with these {@code allowed_ips}, valid for {@code days} days. */
    private JsonObject tokenAllowedFor(int days, String... blocks) {
        JsonArrayBuilder ips = Json.createArrayBuilder();
        Stream.of(blocks).forEach(ips::add);
        Api.Reply reply = root.post(Api.tokens(project), Api.object(TokenSpec.of(Fixtures.unique("ip").substring(0, 11),
                "viewer").validDate(System.currentTimeMillis() + days * DAY).json()).add("allowed_ips", ips));
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    @Test
    @RunAsClient
    void anIpRestrictedTokenCannotRotateATokenUsableFromMoreAddresses() throws Exception {
        String caller = tokenAllowedFrom("admin", "127.0.0.0/30").getString("token");
        for (JsonObject wider : List.of(tokenAllowedFor(10), tokenAllowedFor(10, "10.0.0.0/8"),
                tokenAllowedFor(10, "127.0.0.1", "10.0.0.1"), tokenAllowedFor(10, "127.0.0.0/29"))) {
            String id = wider.getString("id");
            String before = find(id).toString();
            RawHttp.Response refused = from("127.0.0.1", caller, "POST", Api.token(project, id) + "/rotate", "{}");
            assertForbiddenBecause("escalation", refused.status(), refused.object(), wider + " -> " + refused);
            assertEquals(before, find(id).toString(), "nothing changes");
        }
        JsonObject inside = tokenAllowedFor(10, "127.0.0.1", "127.0.0.2/31");
        RawHttp.Response rotated = from("127.0.0.1", caller, "POST", Api.token(project, inside.getString("id")) + "/rotate", "{}");
        assertEquals(200, rotated.status(), rotated::toString);
        assertEquals(List.of("127.0.0.1/32", "127.0.0.2/31"), allowedIps(rotated.object()));

        JsonObject anywhere = tokenAllowedFor(10);
        String path = Api.token(project, anywhere.getString("id"));
        assertEquals(200, from("127.0.0.1", caller, "PATCH", path, "{\"allowed_ips\":[\"127.0.0.1\"]}").status());
        RawHttp.Response narrowedFirst = from("127.0.0.1", caller, "POST", path + "/rotate", "{}");
        assertEquals(200, narrowedFirst.status(), "once narrowed into the caller's list, it lies within: " + narrowedFirst);
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void theListWithoutLimitStreamsEveryTokenPageByPageExactlyAsTheLimitedListWritesThem() {
        // the suites' servers read 7 tokens per page (TOLLGATE_TOKENS_LIST_PAGE_SIZE in the pom): 23 tokens
        // make 4 pages, the filtered lists 1 to 3
        int pageSize = Integer.parseInt(System.getenv("TOLLGATE_TOKENS_LIST_PAGE_SIZE"));
        assertTrue(pageSize < 10, "pages small enough for the list below to span several: " + pageSize);
        String listed = fixtures.project();
        List<String> suspended = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            JsonObject token = fixtures.token(listed, i % 2 == 0 ? "viewer" : "editor");
            if (i % 3 == 0) {
                assertEquals(200, root.post(Api.token(listed, token.getString("id")) + "/suspend", Api.object()).status());
                suspended.add(token.getString("id"));
            }
        }
        for (String query : List.of("", "status=suspended", "status=valid", "offset=5", "status=valid&offset=9")) {
            Api.Reply streamed = root.listTokens(listed, query);
            assertEquals(200, streamed.status(), streamed::toString);
            assertEquals("application/json;charset=UTF-8", streamed.contentType().replace(" ", ""), query);
            assertEquals("no-store", streamed.header("Cache-Control"), query);
            Api.Reply limited = root.listTokens(listed, query + (query.isEmpty() ? "" : "&") + "limit=1000");
            assertEquals(200, limited.status(), limited::toString);
            assertEquals(limited.body(), streamed.body(), query + ": the same bytes, streamed");
        }
        JsonArray all = root.listTokens(listed).array();
        assertEquals(23, all.size());
        assertEquals(23, all.stream().map(t -> t.asJsonObject().getString("id")).distinct().count(), "none twice");
        for (int i = 1; i < all.size(); i++) {
            assertTrue(number(all.getJsonObject(i - 1), "issue_date") <= number(all.getJsonObject(i), "issue_date"));
        }
        assertEquals(suspended, root.listTokens(listed, "status=suspended").array().stream()
                .map(t -> t.asJsonObject().getString("id")).toList());
        assertEquals(18, root.listTokens(listed, "offset=5").array().size());
        assertProblem(root.listTokens("no-such-project"), 404, "NOT_FOUND");
        String admin = fixtures.secret(listed, "admin");
        Api.Reply asToken = root.as(admin).listTokens(listed);
        assertEquals(24, asToken.array().size());
        assertTrue(asToken.header(EXPIRATION) != null, "the token's expiry header on a streamed answer");
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void aProjectHoldsAtMostMaxPerProjectTokensEvenUnderParallelCreates() throws Exception {
        // the suites' servers cap a project at a few tokens (TOLLGATE_TOKENS_MAX_PER_PROJECT in the pom)
        int cap = Integer.parseInt(System.getenv("TOLLGATE_TOKENS_MAX_PER_PROJECT"));
        assertTrue(cap <= 100, "a cap small enough to reach here: " + cap);
        String full = fixtures.project();
        Api admin = root.as(fixtures.secret(full, "admin"));
        List<Api.Reply> replies = inParallel(cap - 1 + 12, () -> root.createToken(full,
                TokenSpec.of(Fixtures.unique("c").substring(0, 10), "viewer")));
        List<Integer> statuses = replies.stream().map(Api.Reply::status).toList();
        assertEquals(cap - 1, statuses.stream().filter(status -> status == 200).count(), statuses::toString);
        List<Api.Reply> refused = replies.stream().filter(r -> r.status() != 200).toList();
        assertEquals(12, refused.size());
        for (Api.Reply reply : refused) {
            assertProblem(reply, 409, "TOKEN_LIMIT_REACHED");
            assertEquals(Map.of("limit", Json.createValue(String.valueOf(cap))),
                    Map.copyOf(reply.object().getJsonObject("info")), reply::toString);
        }
        JsonArray tokens = root.listTokens(full).array();
        assertEquals(cap, tokens.size(), "exactly the cap, however the creates raced");

        assertProblem(admin.createToken(full, TokenSpec.of("by-token", "viewer")), 409, "TOKEN_LIMIT_REACHED");
        assertProblem(root.createToken(full, TokenSpec.of("one-more", "viewer")), 409, "TOKEN_LIMIT_REACHED");
        assertEquals(tokens, root.listTokens(full).array(), "a refused create creates nothing");
        assertEquals(200, root.deleteToken(full, tokens.getJsonObject(cap - 1).getString("id")).status());
        assertEquals(200, admin.createToken(full, TokenSpec.of("by-token", "viewer")).status(), "room again after a delete");
        assertProblem(root.createToken(full, TokenSpec.of("one-more", "viewer")), 409, "TOKEN_LIMIT_REACHED");
        assertEquals(200, root.createToken(project, TokenSpec.of("elsewhere", "viewer")).status(), "per project");
    }
}
