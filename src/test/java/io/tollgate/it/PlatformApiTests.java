package io.tollgate.it;

import static io.tollgate.it.Asserts.assertEachRejected;
import static io.tollgate.it.Asserts.assertProblem;
import static io.tollgate.it.Asserts.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.it.Api.TokenSpec;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Projects, brokers, the role table of spec section 2 and the error contract of section 5, over
 * HTTP on the packaged WAR in a managed Payara Micro. Every test here runs as a client.
 * <p>
 * Part of {@link DeployedSuitesIT}'s single deployment (see there), with the in-container tests of
 * {@link InContainerTests}: every test is {@code @RunAsClient} on its own.
 */
abstract class PlatformApiTests extends BrokerHooksTests {

    private String brokers() {
        return Api.brokers(project);
    }

    @Test
    @RunAsClient
    void projectLifecycleWithExactJson() {
        String name = Fixtures.unique("lifecycle");
        Api.Reply created = root.createProject(" " + name + " ");
        assertEquals(200, created.status(), created::toString);
        JsonObject json = created.object();
        assertEquals(List.of("created_date", "id", "name"), json.keySet().stream().sorted().toList());
        assertEquals(name, json.getString("name"));
        String id = json.getString("id");
        assertEquals(json, root.getProject(id).object());
        assertTrue(root.listProjects().array().contains(json));
        Api.Reply again = root.createProject(name);
        assertEquals(409, again.status());
        assertEquals("CONFLICT", again.code());
        assertEquals(JsonValue.TRUE, root.deleteProject(id).json());
        assertEquals(404, root.getProject(id).status());
        assertEquals("NOT_FOUND", root.deleteProject(id).code());
    }

    @Test
    @RunAsClient
    void projectNameRules() {
        // hand-made on purpose: missing field, wrong types, an unknown field, an array
        for (String body : List.of("{}", "{\"name\":\"\"}", "{\"name\":\"" + "p".repeat(65) + "\"}", "{\"name\":5}",
                "{\"name\":null}", "{\"name\":\"ok\",\"extra\":1}", "[]")) {
            Api.Reply reply = root.post("api/projects", body);
            assertEquals(400, reply.status(), body + " -> " + reply);
            assertEquals("VALIDATION_FAILED", reply.code(), body);
        }
        assertEquals(200, root.createProject(Fixtures.unique("p").repeat(1).substring(0, 10) + "x".repeat(54)).status(),
                "64 characters are allowed");
    }

    @Test
    @RunAsClient
    void brokerLifecycleWithExactJson() {
        Api.Reply created = root.createBroker(project, "edge", "mqtts://edge.example:8883");
        assertEquals(200, created.status(), created::toString);
        JsonObject json = created.object();
        assertEquals(List.of("created_date", "hook_key_created_date", "id", "name", "project_id", "url"),
                json.keySet().stream().sorted().toList());
        assertEquals(JsonValue.NULL, json.get("hook_key_created_date"), "no hook key yet");
        assertEquals(project, json.getString("project_id"));
        assertEquals("mqtts://edge.example:8883", json.getString("url"));
        String id = json.getString("id");
        assertEquals(json, root.getBroker(project, id).object());
        Api.Reply updated = root.updateBroker(project, id, "edge-2", "wss://edge.example/mqtt");
        assertEquals(200, updated.status(), updated::toString);
        assertEquals("edge-2", updated.object().getString("name"));
        assertEquals(json.getJsonNumber("created_date"), updated.object().getJsonNumber("created_date"));
        assertEquals(2, root.listBrokers(project).array().size());
        assertEquals(JsonValue.TRUE, root.deleteBroker(project, id).json());
        assertEquals(404, root.getBroker(project, id).status());
        assertEquals(1, root.listBrokers(project).array().size());
    }

    @Test
    @RunAsClient
    void brokerValidationAnswers400AndChangesNothing() {
        // built with JSON-P, not brokerBody: missing fields and wrong JSON types are part of the table
        Map<String, String> cases = new TreeMap<>();
        cases.put(Api.object().add("url", "mqtt://h:1883").build().toString(), "name");
        cases.put(Api.object().add("name", "b").build().toString(), "url");
        cases.put(Api.brokerBody("b", "http://h").toString(), "url");
        cases.put(Api.brokerBody("b", "mqtt://").toString(), "url");
        cases.put(Api.brokerBody("b", "mqtt://h:99999").toString(), "url");
        cases.put(Api.brokerBody("b", "mqtt://user:pw@h:1883").toString(), "url");
        cases.put(Api.object().add("name", "b").add("url", 1883).build().toString(), "url");
        cases.put(Api.object().add("name", Json.createArrayBuilder()).add("url", "mqtt://h").build().toString(), "name");
        assertEachRejected(cases, body -> root.post(brokers(), body), () -> root.listBrokers(project).array());
        assertEachRejected(cases, body -> root.put(Api.broker(project, broker), body), () -> root.listBrokers(project).array());
        JsonArray after = root.listBrokers(project).array();
        assertEquals(1, after.size());
        assertEquals("mqtt://broker.local:1883", after.getJsonObject(0).getString("url"));
    }

    @Test
    @RunAsClient
    void brokerOfAnotherProjectIs404() {
        String otherBroker = fixtures.broker(fixtures.project());
        assertEquals(404, root.getBroker(project, otherBroker).status());
        assertEquals(404, root.deleteBroker(project, otherBroker).status());
        assertEquals(404, root.updateBroker(project, otherBroker, "x", "mqtt://h").status());
    }

    private List<Action> actions() {
        return List.of(
                new Action("read project", "viewer", api -> api.getProject(project)),
                new Action("list brokers", "viewer", api -> api.listBrokers(project)),
                new Action("read broker", "viewer", api -> api.getBroker(project, broker)),
                new Action("create broker", "editor", api -> api.createBroker(project, "n", "ws://h")),
                new Action("update broker", "editor", api -> api.updateBroker(project, broker, "n", "ws://h")),
                new Action("delete broker", "admin", api -> api.deleteBroker(project, fixtures.broker(project))),
                new Action("list tokens", "admin", api -> api.listTokens(project)),
                new Action("create token", "admin", api -> api.createToken(project,
                        TokenSpec.of(Fixtures.unique("c"), "viewer"))),
                new Action("delete token", "admin", api -> api.deleteToken(project,
                        fixtures.token(project, "viewer").getString("id"))),
                new Action("create project", "root", api -> api.createProject(Fixtures.unique("rp"))),
                new Action("delete project", "root", api -> api.deleteProject(fixtures.project())));
    }

    private static final List<String> RANKS = List.of("viewer", "editor", "admin", "root");

    @Test
    @RunAsClient
    void everyRowOfTheRoleTableAllowsAndForbids() {
        List<String> failures = new ArrayList<>();
        for (String role : RANKS) {
            Api caller = role.equals("root") ? root : root.as(fixtures.secret(project, role));
            for (Action action : actions()) {
                boolean allowed = RANKS.indexOf(role) >= RANKS.indexOf(action.least());
                Api.Reply reply = action.call().apply(caller);
                boolean ok = allowed ? reply.status() == 200
                        : reply.status() == 403 && reply.code().equals("FORBIDDEN");
                if (!ok) {
                    failures.add(role + " / " + action.name() + " -> " + reply);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    @RunAsClient
    void everyoneListsOnlyTheProjectsTheyBelongTo() {
        String secret = fixtures.secret(project, "viewer");
        JsonArray seen = root.as(secret).listProjects().array();
        assertEquals(1, seen.size());
        assertEquals(project, seen.getJsonObject(0).getString("id"));
        assertTrue(root.listProjects().array().size() > 1);
    }

    @Test
    @RunAsClient
    void anotherProjectIs403WhetherOrNotItExists() {
        Api admin = root.as(fixtures.secret(project, "admin"));
        String other = fixtures.project();
        for (String target : List.of(other, "00000000-0000-0000-0000-000000000000")) {
            for (Api.Reply reply : List.of(admin.getProject(target), admin.listBrokers(target),
                    admin.listTokens(target),
                    admin.createBroker(target, "x", "mqtt://h"))) {
                assertEquals(403, reply.status(), target + " -> " + reply);
                assertEquals("FORBIDDEN", reply.code());
            }
        }
        assertEquals(404, root.getProject("00000000-0000-0000-0000-000000000000").status());
        assertEquals(404, root.listBrokers("00000000-0000-0000-0000-000000000000").status());
    }

    @Test
    @RunAsClient
    void restrictedTokenActsOnlyOnItsBrokers() {
        String other = fixtures.broker(project);
        Api restricted = root.as(fixtures.secret(project, "admin", broker));
        assertEquals(200, restricted.getProject(project).status(), "may read its project");
        JsonArray listed = restricted.listBrokers(project).array();
        assertEquals(List.of(broker), listed.stream().map(v -> v.asJsonObject().getString("id")).toList());
        assertEquals(200, restricted.getBroker(project, broker).status());
        assertEquals(200, restricted.updateBroker(project, broker, "mine", "mqtt://h").status());
        for (Api.Reply reply : List.of(restricted.getBroker(project, other),
                restricted.updateBroker(project, other, "theirs", "mqtt://h"),
                restricted.deleteBroker(project, other),
                restricted.createBroker(project, "new", "mqtt://h"),
                restricted.listTokens(project),
                restricted.createToken(project, TokenSpec.of("x", "viewer")))) {
            assertEquals(403, reply.status(), reply::toString);
            assertEquals("FORBIDDEN", reply.code());
        }
        assertEquals(2, root.listBrokers(project).array().size(), "nothing was created or deleted");
        assertEquals(200, restricted.deleteBroker(project, broker).status(), "an admin may delete its own broker");
    }

    @Test
    @RunAsClient
    void anonymousRequestsAre401WithTheErrorBody() {
        Api anonymous = root.anonymous();
        for (Api.Reply reply : List.of(anonymous.listProjects(), anonymous.listBrokers(project),
                anonymous.createProject("x"))) {
            assertUnauthorized(reply);
        }
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void unknownRoutesWrongMethodsAndMediaTypesAnswerTheErrorBody() {
        assertProblem(root.get("api/nothing/here"), 404, "NOT_FOUND");
        assertProblem(root.get("definitely-not-here.html"), 404, "NOT_FOUND");
        assertProblem(root.send("PATCH", "api/projects", "{}", "application/json"), 405, "METHOD_NOT_ALLOWED");
        assertProblem(root.delete("api/projects"), 405, "METHOD_NOT_ALLOWED");
        assertProblem(root.send("POST", "api/projects", "name=x", "application/x-www-form-urlencoded"), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(root.send("POST", "api/projects", Api.object().add("name", "x").build().toString(), "text/plain"), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        // hand-made on purpose: truncated, empty and trailing-garbage bodies
        assertProblem(root.post("api/projects", "{\"name\": \"x\""), 400, "MALFORMED_REQUEST");
        assertProblem(root.post("api/projects", ""), 400, "MALFORMED_REQUEST");
        assertProblem(root.post("api/projects", "{\"name\":\"a\"} {}"), 400, "MALFORMED_REQUEST");
    }

    @Test
    @RunAsClient
    void bodiesOver64KiBAre413AndChangeNothing() {
        String name = Fixtures.unique("big");
        String big = Api.object().add("name", name).add("pad", "x".repeat(70 * 1024)).build().toString();
        assertProblem(root.post("api/projects", big), 413, "PAYLOAD_TOO_LARGE");
        HttpRequest chunked = HttpRequest.newBuilder(root.base().resolve(Api.projects()))
                .header("Authorization", "Bearer " + Fixtures.ROOT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new java.io.ByteArrayInputStream(big.getBytes())))
                .build();
        assertProblem(Api.send(chunked), 413, "PAYLOAD_TOO_LARGE");
        assertFalse(root.listProjects().body().contains(name));
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void healthAndOpenApiAreServed() {
        Api.Reply ready = Api.send(HttpRequest.newBuilder(URI.create(monitoringRoot() + "health/ready")).build());
        assertEquals(200, ready.status(), ready::toString);
        assertTrue(ready.body().contains("database"), ready.body());
        Api.Reply openapi = Api.send(HttpRequest.newBuilder(root.base().resolve("openapi")).build());
        assertEquals(200, openapi.status());
        for (String path : List.of("/api/projects:", "/api/projects/{projectId}/tokens:",
                "/api/projects/{projectId}/tokens/{tokenId}:", "/api/projects/{projectId}/brokers/{brokerId}:")) {
            assertTrue(openapi.body().contains(path), path);
        }
        Stream.of("bearer", "'413':", "'415':", "ProjectToken", "Problem")
                .forEach(word -> assertTrue(openapi.body().contains(word), word));
    }

    /** Health: the HTTP port's root on Payara, the management port on WildFly. */
    private String monitoringRoot() {
        return Servers.monitoringRoot(URI.create(base.toString()));
    }

    @Test
    @RunAsClient
    void clientAcceptingNoJsonGets406WithTheErrorBody() {
        for (String accept : List.of("text/html", "text/plain, application/xml", "image/png")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(root.base() + "api/projects"))
                    .header("Authorization", "Bearer " + Fixtures.ROOT)
                    .header("Accept", accept)
                    .GET()
                    .build();
            Api.Reply reply = Api.send(request);
            assertProblem(reply, 406, "NOT_ACCEPTABLE");
            assertEquals("this resource only produces application/json", reply.object().getString("message"), accept);
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, reply.object().getJsonObject("info"), accept);
        }
        HttpRequest anyJson = HttpRequest.newBuilder(URI.create(root.base() + "api/projects"))
                .header("Authorization", "Bearer " + Fixtures.ROOT)
                .header("Accept", "text/html;q=0.9, application/*;q=0.1")
                .GET()
                .build();
        assertEquals(200, Api.send(anyJson).status(), "a client that accepts JSON at all gets it");
    }

    // ---------------------------------------------------------------- strict bodies (spec section 8)

    private static Api.Reply sendBytes(String credential, URI uri, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        return Api.send(request.build());
    }

    private Api.Reply postBytes(String path, byte[] body) {
        return sendBytes(Fixtures.ROOT, root.base().resolve(path), body, "application/json");
    }

    private static byte[] utf8(String before, int[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + middle.length + tail.length);
        for (int i = 0; i < middle.length; i++) {
            all[head.length + i] = (byte) middle[i];
        }
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    /** The server log once it has stopped growing (it is written asynchronously). */
    private static String settledLog() throws Exception {
        return ServerLogs.settled(Path.of(System.getProperty("tollgate.it.log")));
    }

    private static long count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    @RunAsClient
    void deeplyNestedOrHugeNumberBodiesAre400MalformedAndLogNothing() throws Exception {
        String before = settledLog();
        String tokens = Api.tokens(project);
        // hand-made on purpose: nesting and number sizes no JSON builder would produce
        for (String value : List.of("[".repeat(999) + "]".repeat(999), "{\"a\":".repeat(999) + "1" + "}".repeat(999),
                "[".repeat(33) + "]".repeat(33), "1".repeat(2000))) {
            List<Api.Reply> replies = List.of(
                    root.anonymous().post("api/auth/login", "{\"username\": " + value + ", \"password\": \"x\"}"),
                    root.post("api/projects", "{\"name\": " + value + "}"),
                    root.post(brokers(), "{\"name\": \"b\", \"url\": " + value + "}"),
                    root.put(brokers() + "/" + broker, "{\"name\": " + value + ", \"url\": \"mqtt://h\"}"),
                    root.post(tokens, "{\"name\": \"t\", \"role\": " + value + "}"),
                    root.post("api/users", "{\"username\": " + value + ", \"password\": \"x\"}"));
            replies.forEach(reply -> assertProblem(reply, 400, "MALFORMED_REQUEST"));
        }
        String after = settledLog();
        String added = after.substring(Math.min(before.length(), after.length()));
        assertEquals(count(before, "\tat "), count(after, "\tat "), "a stack trace was logged: " + added);
        assertEquals(count(before, "error_id="), count(after, "error_id="), added);
        assertTrue(after.length() - before.length() < 4096, "24 bad requests grew the log by "
                + (after.length() - before.length()) + " characters");
        assertEquals(1, root.listBrokers(project).array().size());
    }

    @Test
    @RunAsClient
    void wildcardOrMissingContentTypeIs415AndCreatesNothing() {
        String prefix = Fixtures.unique("ct");
        List<String> refused = Arrays.asList("*/*", "application/*", "*/json", null);
        for (int i = 0; i < refused.size(); i++) {
            byte[] body = Api.object().add("name", prefix + "-" + i).build().toString().getBytes(StandardCharsets.UTF_8);
            Api.Reply reply = sendBytes(Fixtures.ROOT, root.base().resolve("api/projects"), body, refused.get(i));
            assertProblem(reply, 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        byte[] login = Api.credentials("nobody", "x").toString().getBytes(StandardCharsets.UTF_8);
        assertProblem(sendBytes(null, root.base().resolve("api/auth/login"), login, "*/*"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertFalse(root.listProjects().body().contains(prefix), "a refused body created a project");
        for (String accepted : List.of("application/json; charset=utf-8", "Application/JSON", "application/json;charset=UTF-8")) {
            byte[] body = Api.object().add("name", Fixtures.unique("ct")).build().toString().getBytes(StandardCharsets.UTF_8);
            Api.Reply reply = sendBytes(Fixtures.ROOT, root.base().resolve("api/projects"), body, accepted);
            assertEquals(200, reply.status(), accepted + " -> " + reply);
        }
    }

    @Test
    @RunAsClient
    void invalidUtf8LoneSurrogatesAndRepeatedKeysAre400MalformedAndCreateNothing() {
        String prefix = Fixtures.unique("enc");
        // hand-made bytes on purpose: invalid UTF-8, JSON escapes of lone surrogates, repeated keys
        List<byte[]> bodies = List.of(
                utf8("{\"name\":\"" + prefix + "-a", new int[] {0xff, 0xfe}, "\"}"),
                utf8("{\"name\":\"" + prefix + "-b", new int[] {0xc3}, "\"}"),
                utf8("{\"name\":\"" + prefix + "-c", new int[] {0xc0, 0xaf}, "\"}"),
                utf8("{\"name\":\"" + prefix + "-d", new int[] {0xed, 0xa0, 0x80}, "\"}"),
                utf8("{\"name\":\"" + prefix + "-e", new int[] {0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80}, "\"}"),
                ("{\"name\":\"" + prefix + "-f\\ud800\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"name\":\"" + prefix + "-g\\udc00x\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"name\":\"" + prefix + "-h\\ude00\\ud83d\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"name\":\"" + prefix + "-i\",\"name\":\"" + prefix + "-j\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"name\":\"" + prefix + "-k\",\"n\\u0061me\":\"" + prefix + "-l\"}").getBytes(StandardCharsets.UTF_8));
        for (byte[] body : bodies) {
            assertProblem(postBytes("api/projects", body), 400, "MALFORMED_REQUEST");
        }
        assertFalse(root.listProjects().body().contains(prefix), "a refused body created a project");
        String tokens = Api.tokens(project);
        assertProblem(postBytes(tokens, ("{\"name\":\"t\\ud800\",\"role\":\"viewer\"}").getBytes(StandardCharsets.UTF_8)),
                400, "MALFORMED_REQUEST");
        assertProblem(postBytes(tokens, "{\"name\":\"t1\",\"role\":\"viewer\",\"role\":\"admin\"}".getBytes(StandardCharsets.UTF_8)),
                400, "MALFORMED_REQUEST");
        assertEquals(0, root.listTokens(project).array().size());
        assertProblem(sendBytes(null, root.base().resolve("api/auth/login"),
                utf8("{\"username\":\"a", new int[] {0xff}, "\",\"password\":\"x\"}"), "application/json"),
                400, "MALFORMED_REQUEST");
        // a surrogate pair written as JSON escapes, by hand: the escapes are the point
        Api.Reply pair = root.post("api/projects", "{\"name\":\"" + prefix + "-\\ud83d\\ude00\"}");
        assertEquals(200, pair.status(), pair::toString);
        assertEquals(prefix + "-\uD83D\uDE00", pair.object().getString("name"));
    }

    @Test
    @RunAsClient
    void nonAsciiDigitsInLimitOrOffsetAre400NamingTheField() {
        fixtures.token(project, "viewer");
        Map<String, String> cases = new TreeMap<>();
        cases.put("limit=%EF%BC%95", "limit");      // fullwidth 5
        cases.put("limit=%D9%A3", "limit");         // Arabic-Indic 3
        cases.put("limit=%E0%A5%A8", "limit");      // Devanagari 2
        cases.put("limit=%2B5", "limit");           // +5
        cases.put("offset=%EF%BC%90", "offset");    // fullwidth 0
        cases.put("offset=-0", "offset");
        cases.forEach((query, field) -> {
            Api.Reply reply = root.listTokens(project, query);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertEquals(field, reply.object().getJsonObject("info").getString("field"), query);
        });
        assertEquals(1, root.listTokens(project, "limit=5&offset=0").array().size());
        assertEquals(1, root.listTokens(project, "limit=0005").array().size());
    }

    @Test
    @RunAsClient
    void invisibleFormatCharactersInNamesAre400SoLookalikesCannotCoexist() {
        String tokens = Api.tokens(project);
        assertEquals(200, root.createToken(project, TokenSpec.of("a-admin", "viewer")).status());
        // names by hand on purpose: half of them carry the character as a JSON escape, which no builder writes
        for (String invisible : List.of("\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066", "\u200f",
                "\u2028", "\u2029")) {
            String escaped = String.format("\\u%04x", (int) invisible.charAt(0));
            for (String name : List.of("a-admin" + invisible, "a-admin" + escaped, "a-" + escaped + "admin", escaped + "a-admin")) {
                Api.Reply token = root.post(tokens, "{\"name\":\"" + name + "\",\"role\":\"viewer\"}");
                assertProblem(token, 400, "VALIDATION_FAILED");
                assertEquals("name", token.object().getJsonObject("info").getString("field"), name);
            }
            Api.Reply project = root.createProject(Fixtures.unique("p") + invisible);
            assertProblem(project, 400, "VALIDATION_FAILED");
            String brokerBody = "{\"name\":\"edge" + escaped + "\",\"url\":\"mqtt://h:1883\"}";
            for (Api.Reply reply : List.of(root.post(brokers(), brokerBody), root.put(brokers() + "/" + broker, brokerBody))) {
                assertProblem(reply, 400, "VALIDATION_FAILED");
                assertEquals("name", reply.object().getJsonObject("info").getString("field"));
            }
        }
        assertEquals(List.of("a-admin"), root.listTokens(project).array().stream()
                .map(t -> t.asJsonObject().getString("name")).toList());
        assertEquals(1, root.listBrokers(project).array().size());
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void namesAreStoredInNfcSoCombiningFormsCollide() {
        String base = Fixtures.unique("caf");
        Api.Reply decomposed = root.createProject(base + "e\u0301");
        assertEquals(200, decomposed.status(), decomposed::toString);
        String nfc = base + "\u00e9";
        assertEquals(nfc, decomposed.object().getString("name"));
        String id = decomposed.object().getString("id");
        assertEquals(nfc, root.getProject(id).object().getString("name"), "read back from the database");
        Api.Reply precomposed = root.createProject(nfc);
        assertProblem(precomposed, 409, "CONFLICT");
        // by hand on purpose: the combining form written as JSON escapes
        assertProblem(root.post("api/projects", "{\"name\":\"" + base + "e\\u0301\"}"), 409, "CONFLICT");

        String tokens = Api.tokens(project);
        Api.Reply token = root.post(tokens, "{\"name\":\"r\\u0065\\u0301sum\\u00e9\",\"role\":\"viewer\"}");
        assertEquals(200, token.status(), token::toString);
        assertEquals("r\u00e9sum\u00e9", token.object().getString("name"));
        assertProblem(root.createToken(project, TokenSpec.of("r\u00e9sume\u0301", "viewer")), 409, "CONFLICT");
        assertEquals(List.of("r\u00e9sum\u00e9"), root.listTokens(project).array().stream()
                .map(t -> t.asJsonObject().getString("name")).toList());

        Api.Reply renamed = root.updateBroker(project, broker, "A\u030angstr\u00f6m", "mqtt://h:1883");
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals("\u00c5ngstr\u00f6m", root.getBroker(project, broker).object().getString("name"));
        assertEquals(64, root.createProject(base.substring(0, 8) + "e\u0301".repeat(56))
                .object().getString("name").length(), "length is counted after NFC");
    }

    // ------------------------------------------------- transport rules (spec section 8, issue 10)

    private RawHttp raw() throws java.net.URISyntaxException {
        return new RawHttp(base.toURI());
    }

    private static String bearer(String credential) {
        return "Authorization: Bearer " + credential;
    }

    private static final String JSON_TYPE = "Content-Type: application/json";

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void everyApiAnswerSuccessOrErrorIsNoStore() throws Exception {
        RawHttp http = raw();
        String tokens = Api.tokens(project);
        String username = Fixtures.unique("nostore");
        String password = "pw-" + java.util.UUID.randomUUID();
        String credentials = Api.credentials(username, password).toString();
        assertEquals(200, root.createUser(username, password).status());
        Map<String, RawHttp.Response> answers = new java.util.LinkedHashMap<>();
        answers.put("create token", http.send("POST", tokens, TokenSpec.of("ns", "viewer").json().toString(),
                bearer(Fixtures.ROOT), JSON_TYPE));
        answers.put("list tokens", http.send("GET", tokens, null, bearer(Fixtures.ROOT)));
        answers.put("login", http.send("POST", "api/auth/login", credentials, JSON_TYPE));
        answers.put("failed login", http.send("POST", "api/auth/login",
                Api.credentials(username, "wrong-password").toString(), JSON_TYPE));
        answers.put("no credential", http.send("GET", "api/projects", null));
        answers.put("unknown token", http.send("GET", "api/projects", null, bearer("tg_unknown")));
        answers.put("unknown route", http.send("GET", "api/nothing/here", null, bearer(Fixtures.ROOT)));
        answers.put("wrong method", http.send("PATCH", "api/projects", "{}", bearer(Fixtures.ROOT), JSON_TYPE));
        answers.put("too large", http.send("POST", "api/projects", Api.object().add("name", "x".repeat(70 * 1024)).build().toString(),
                bearer(Fixtures.ROOT), JSON_TYPE));
        answers.put("media type", http.send("POST", "api/projects", "name=x", bearer(Fixtures.ROOT),
                "Content-Type: text/plain"));
        Map<String, Integer> expected = Map.of("create token", 200, "list tokens", 200, "login", 200,
                "failed login", 401, "no credential", 401, "unknown token", 401, "unknown route", 404,
                "wrong method", 405, "too large", 413, "media type", 415);
        List<String> failures = new ArrayList<>();
        answers.forEach((name, reply) -> {
            if (reply.status() != expected.get(name) || !"no-store".equals(reply.header("Cache-Control"))) {
                failures.add(name + " -> " + reply.status() + " Cache-Control: " + reply.header("Cache-Control"));
            }
        });
        assertEquals(List.of(), failures);
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void consoleStaticFilesAndApiCarrySecurityHeadersAndNoServerBanner() throws Exception {
        RawHttp http = raw();
        List<String> failures = new ArrayList<>();
        for (String path : List.of("", "index.html", "console/app.js", "console/style.css",
                "definitely-not-here.html", "api/projects")) {
            RawHttp.Response reply = http.send("GET", path, null);
            String csp = reply.header("Content-Security-Policy");
            if (csp == null || !csp.contains("frame-ancestors 'none'") || !csp.contains("default-src 'self'")
                    || !csp.contains("object-src 'none'") || !csp.contains("base-uri 'none'")) {
                failures.add(path + ": Content-Security-Policy " + csp);
            }
            if (!"nosniff".equals(reply.header("X-Content-Type-Options"))) {
                failures.add(path + ": X-Content-Type-Options " + reply.header("X-Content-Type-Options"));
            }
            if (!"no-referrer".equals(reply.header("Referrer-Policy"))) {
                failures.add(path + ": Referrer-Policy " + reply.header("Referrer-Policy"));
            }
            if (reply.header("Server") != null || reply.header("X-Powered-By") != null) {
                failures.add(path + ": banner " + reply.header("Server") + " / " + reply.header("X-Powered-By"));
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(200, http.send("GET", "console/app.js", null).status());
    }

    /**
     * One rule on both servers (access.boundary.OptionsRequests): 204 with the route's methods, to every
     * caller alike (the OpenAPI document names them all anyway), never the runtime's own answer.
     */
    @Test
    @RunAsClient
    void optionsAnswers204WithTheRoutesMethodsToEveryCallerAlike() throws Exception {
        RawHttp http = raw();
        String brokers = "api/projects/" + project + "/brokers";
        for (RawHttp.Response reply : List.of(
                http.send("OPTIONS", brokers, null, bearer(Fixtures.ROOT)),
                http.send("OPTIONS", brokers, null, bearer(fixtures.secret(project, "viewer"))),
                http.send("OPTIONS", brokers, null),
                http.send("OPTIONS", brokers, null, bearer("tg_not-a-valid-token")),
                http.send("OPTIONS", "api/projects/" + fixtures.project() + "/brokers", null, bearer(fixtures.secret(project, "viewer"))))) {
            assertEquals(204, reply.status(), reply::toString);
            assertEquals("GET, HEAD, OPTIONS, POST", reply.header("Allow"), "the route's methods, whoever asks");
            assertEquals("no-store", reply.header("Cache-Control"));
            assertEquals("", reply.body());
        }
        assertEquals("GET, HEAD, OPTIONS, POST", http.send("OPTIONS", "api/projects", null).header("Allow"));
        assertEquals("DELETE, GET, HEAD, OPTIONS, PUT", http.send("OPTIONS", brokers + "/" + broker, null).header("Allow"));
        assertEquals("OPTIONS, POST", http.send("OPTIONS", "api/projects/" + project + "/tokens/x/rotate", null).header("Allow"));
        RawHttp.Response unknown = http.send("OPTIONS", "api/nothing/here", null, bearer(Fixtures.ROOT));
        assertEquals(404, unknown.status(), unknown::toString);
        assertEquals("NOT_FOUND", unknown.object().getString("code"));
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void traceIsRefusedWithTheErrorBodyAndNeverEchoed() throws Exception {
        RawHttp http = raw();
        for (String path : List.of("api/projects", "", "console/app.js", "nothing-here")) {
            RawHttp.Response reply = http.send("TRACE", path, null, bearer(Fixtures.ROOT), "X-Echo: echo-me");
            assertEquals(405, reply.status(), path + " -> " + reply);
            assertTrue(reply.header("Content-Type").startsWith("application/json"), path + " -> " + reply);
            assertEquals("METHOD_NOT_ALLOWED", reply.object().getString("code"), path);
            assertFalse(reply.body().contains("echo-me"), path + " -> " + reply);
            assertTrue(reply.header("Allow") != null && !reply.header("Allow").contains("TRACE"), path + " -> " + reply);
        }
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void requestsTheContainerRefusesLogAtMostOneShortLineEach() throws Exception {
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("tollgate.it.log"));
        // settled: what an earlier test had the server write is not this test's
        int before = ServerLogs.settled(log).length();
        RawHttp http = raw();
        String host = "Host: 127.0.0.1\r\nConnection: close\r\n";
        List<byte[]> bad = List.of(
                ("POST " + http.target("api/projects") + " HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                ("GET " + http.target("api/projects") + " HTTP/1.1\r\n" + host + "X-A: caf\u00e9\u0000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                ("GET " + http.target("api/projects") + " HTTP/1.1\r\n" + host + "X-A: " + "a".repeat(9000) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                ("GET " + http.target("api/projects/%00") + " HTTP/1.1\r\n" + host + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                ("GET " + http.target("api\\projects") + " HTTP/1.1\r\n" + host + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                ("GET " + http.target("api/" + "a".repeat(20_000)) + " HTTP/1.1\r\n" + host + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                ("POST " + http.target("api/projects") + " HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 2\r\n"
                        + "Content-Length: 3\r\n\r\n{}").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                // Payara logs this one (in one line since QuietContainerLogs); WildFly logs none of them
                ("GET " + http.target("api/projects/%zz") + " HTTP/1.1\r\n" + host + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (byte[] request : bad) {
            RawHttp.Response reply = http.exchange(request);
            assertTrue(reply.status() == 200 && reply.body().isEmpty() || reply.status() >= 400, reply::toString);
        }
        // whatever the server writes about them has been written once the log stops growing; on Payara,
        // whose log is written from a queue, also once its line about the bad escape is there
        String written = "";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        do {
            written = ServerLogs.settled(log).substring(before);
        } while (System.nanoTime() < deadline && !Servers.wildfly() && !written.contains("bad percent-encoding in the path"));
        if (!Servers.wildfly()) {
            assertTrue(written.contains("bad percent-encoding in the path"), written);
        }
        assertFalse(written.contains("\tat "), "no stack trace: " + written);
        long records = written.lines().filter(Servers::startsLogRecord).count();
        assertTrue(records <= bad.size(), records + " records: " + written);
        assertTrue(written.length() <= bad.size() * 400, written.length() + " characters: " + written);
    }

    // metrics and readiness details (spec section 7)

    private String metrics() {
        Api.Reply reply = Api.send(HttpRequest.newBuilder(URI.create(base + "metrics"))
                .header("Accept", "text/plain").build());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("text/plain;version=0.0.4;charset=utf-8", reply.contentType().replace(" ", ""));
        return reply.body();
    }

    /** The tokens the gauges count as valid or expired: an expiry moves a token from one to the other. */
    private static double unsuspendedTokens(String metrics) {
        return sample(metrics, "tollgate_tokens", "status=\"valid\"") + sample(metrics, "tollgate_tokens", "status=\"expired\"");
    }

    /** The sum of the samples of {@code name} whose labels contain every one of {@code labels}. */
    static double sample(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Stream.of(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void metricsCountAuthenticationsTokenChangesAndRequestTimingsPerEndpoint() throws Exception {
        String before = metrics();
        java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("tollgate.it.dir", "target"))
                .resolveSibling("metrics-sample.txt"), before);
        JsonObject token = fixtures.token(project, "viewer");
        // valid and expired together: a short-lived token of an earlier test may expire meanwhile
        double unsuspended = unsuspendedTokens(before);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (unsuspendedTokens(metrics()) < unsuspended + 1) {
            assertTrue(System.nanoTime() < deadline, "the tokens' gauges count the new token within 10 s");
            Thread.sleep(100);
        }
        Api caller = root.as(token.getString("token"));
        assertEquals(200, caller.getProject(project).status());
        assertEquals(200, caller.getProject(project).status());
        assertEquals(401, root.as("tg_not-a-valid-token").getProject(project).status());
        assertEquals(200, root.deleteToken(project, token.getString("id")).status());
        String after = metrics();

        String getProject = "endpoint=\"/api/projects/{projectId}\"";
        assertEquals(sample(before, "tollgate_token_creations_total") + 1, sample(after, "tollgate_token_creations_total"));
        assertEquals(sample(before, "tollgate_token_deletions_total") + 1, sample(after, "tollgate_token_deletions_total"));
        assertEquals(sample(before, "tollgate_authentications_total", "kind=\"token\"", "outcome=\"ok\"") + 2,
                sample(after, "tollgate_authentications_total", "kind=\"token\"", "outcome=\"ok\""), after);
        assertEquals(sample(before, "tollgate_authentications_total", "kind=\"token\"", "outcome=\"refused\"") + 1,
                sample(after, "tollgate_authentications_total", "kind=\"token\"", "outcome=\"refused\""), after);
        assertTrue(sample(after, "tollgate_authentications_total", "kind=\"root\"", "outcome=\"ok\"")
                > sample(before, "tollgate_authentications_total", "kind=\"root\"", "outcome=\"ok\""));
        assertEquals(sample(before, "tollgate_requests_seconds_count", getProject, "method=\"GET\"") + 3,
                sample(after, "tollgate_requests_seconds_count", getProject, "method=\"GET\""), after);
        assertTrue(after.lines().noneMatch(line -> line.contains(project)), "no raw path among the series");
        Stream.of("tollgate_tokens{", "tollgate_usage_buffer_size", "tollgate_usage_buffer_capacity",
                "tollgate_usage_dropped_total", "tollgate_token_rotations_total", "tollgate_token_suspensions_total")
                .forEach(name -> assertTrue(after.contains(name), name + " in\n" + after));
    }

    /**
     * One unit per metric family (spec section 8): every sample of every Tollgate timing family (a name
     * with {@code _seconds}: the quantiles 0.5, 0.95 and 0.99, {@code _max}, {@code _sum}) is in seconds,
     * read off the exposition text as a scraper reads it, the same on every server. (Payara's own
     * MicroProfile Metrics once wrote {@code _sum} in seconds and the rest in nanoseconds.)
     */
    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void everyTimingOnMetricsIsInSecondsQuantilesAndMaximaIncluded() {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, root.getProject(project).status());
        }
        List<String[]> samples = metrics().lines()
                .filter(line -> line.startsWith("tollgate_") && line.contains("_seconds"))
                .map(PlatformApiTests::parseSample)
                .toList();
        java.util.Map<String, Double> counts = new java.util.HashMap<>();
        java.util.Map<String, Double> sums = new java.util.HashMap<>();
        for (String[] sample : samples) {
            if (sample[0].endsWith("_seconds_count")) {
                counts.put(sample[1], Double.parseDouble(sample[2]));
            } else if (sample[0].endsWith("_seconds_sum")) {
                sums.put(sample[1], Double.parseDouble(sample[2]));
            }
        }
        String getProject = "endpoint=\"/api/projects/{projectId}\"";
        assertTrue(counts.keySet().stream().anyMatch(series -> series.contains(getProject) && series.contains("GET")),
                "the endpoint just called has a timer: " + counts);
        int checked = 0;
        for (String[] sample : samples) {
            String name = sample[0];
            double value = Double.parseDouble(sample[2]);
            assertTrue(value >= 0 && Double.isFinite(value), String.join(" ", sample));
            if (name.endsWith("_count")) {
                continue;
            }
            Double count = counts.get(sample[1]);
            Double sum = sums.get(sample[1]);
            assertTrue(count != null && sum != null, "every timing series has _count and _sum: " + String.join(" ", sample));
            if (name.endsWith("_sum")) {
                assertTrue(value <= count * 60, "a request takes less than a minute on average: " + String.join(" ", sample));
                continue;
            }
            assertTrue(value < 60, "no request took a minute; a value in nanoseconds would: " + String.join(" ", sample));
            if (count > 0 && sample[1].contains(getProject)) {
                double mean = sum / count;
                assertTrue(value <= mean * 1_000 && value >= mean / 1_000,
                        "the same unit as _sum/_count (" + mean + " s): " + String.join(" ", sample));
                checked++;
            }
        }
        assertTrue(checked >= 4, "the endpoint just called has a maximum and three quantiles: " + checked);
        for (String quantile : List.of("0.5", "0.95", "0.99")) {
            assertTrue(samples.stream().anyMatch(sample -> sample[0].equals("tollgate_requests_seconds")
                    && sample[1].contains(getProject) && sample[3].equals(quantile)), "p" + quantile + " of the endpoint");
        }
    }

    /**
     * {@code name}, the series (its labels but {@code quantile}), the value and the quantile ({@code ""}
     * for none) of one sample line; the labels' closing brace is the last one (an endpoint label holds
     * braces of its own).
     */
    private static String[] parseSample(String line) {
        int open = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        if (open < 0 || open > space) {
            return new String[] {line.substring(0, space), "", line.substring(space + 1), ""};
        }
        List<String> labels = List.of(line.substring(open + 1, line.lastIndexOf('}')).split(",(?=[A-Za-z_]+=\")"));
        String series = labels.stream().filter(label -> !label.startsWith("quantile=")).sorted()
                .collect(java.util.stream.Collectors.joining(","));
        String quantile = labels.stream().filter(label -> label.startsWith("quantile=\""))
                .map(label -> label.substring("quantile=\"".length(), label.length() - 1)).findFirst().orElse("");
        return new String[] {line.substring(0, open), series, line.substring(space + 1), quantile};
    }

    // ---------------------------------------------------------------- the leak report and a reporter's credential

    /**
     * {@code POST /api/tokens/leaks} ignores any {@code Authorization} header (spec section 8): a stale
     * credential (garbage, another scheme, a deleted or expired token, a JWT that does not verify) never
     * turns a report into a 401, and a valid one is not read either: the report stays anonymous.
     */
    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void leakReportIgnoresTheReportersAuthorizationHeaderStaleOrValid() throws Exception {
        JsonObject deleted = fixtures.token(project, "admin");
        assertEquals(200, root.deleteToken(project, deleted.getString("id")).status());
        Api.Reply shortLived = root.createToken(project,
                TokenSpec.of(Fixtures.unique("brief"), "admin").validDate(System.currentTimeMillis() + 1_500));
        assertEquals(200, shortLived.status(), shortLived::toString);
        String expired = shortLived.object().getString("token");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (root.as(expired).getProject(project).status() != 401) {
            assertTrue(System.nanoTime() < deadline, "the short-lived token expires within 30 s");
            Thread.sleep(200);
        }
        Map<String, String> stale = new java.util.LinkedHashMap<>();
        stale.put("garbage", "Bearer garbage");
        stale.put("another scheme", "Basic dXNlcjpwYXNzd29yZA==");
        stale.put("a deleted token", "Bearer " + deleted.getString("token"));
        stale.put("an expired token", "Bearer " + expired);
        stale.put("a JWT that does not verify", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
        for (Map.Entry<String, String> header : stale.entrySet()) {
            JsonObject leaked = fixtures.token(project, "viewer");
            Api.Reply report = reportLeak(header.getValue(), leaked.getString("token"));
            assertEquals(200, report.status(), header.getKey() + ": " + report);
            assertEquals("{\"received\":1}", report.body().strip(), header.getKey());
            assertEquals("suspended", listed(leaked.getString("id")).getString("status"), header.getKey());
        }

        JsonObject reporter = fixtures.token(project, "admin");
        JsonObject leaked = fixtures.token(project, "viewer");
        Api.Reply report = reportLeak("Bearer " + reporter.getString("token"), leaked.getString("token"));
        assertEquals(200, report.status(), report::toString);
        assertEquals(null, report.header("Tollgate-Token-Expiration"), "the credential was not even read");
        assertEquals("suspended", listed(leaked.getString("id")).getString("status"));
        assertTrue(listed(reporter.getString("id")).isNull("last_used_date"), "the report is no use of the reporter's token");
        List<JsonObject> suspensions = root.get(Api.project(project) + "/audit?limit=1000").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> e.getString("action").equals("token.suspend") && leaked.getString("id").equals(e.getString("target_id", null)))
                .toList();
        assertEquals(1, suspensions.size(), suspensions::toString);
        assertEquals("leak-report", suspensions.get(0).getString("actor"), "a plain report, whoever sends it");
    }

    private Api.Reply reportLeak(String authorization, String secret) {
        return Api.send(HttpRequest.newBuilder(root.base().resolve("api/tokens/leaks"))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.object()
                        .add("tokens", Json.createArrayBuilder().add(secret)).build().toString()))
                .build());
    }

    /** The token as the project's list shows it. */
    private JsonObject listed(String tokenId) {
        return root.listTokens(project).array().stream().map(JsonValue::asJsonObject)
                .filter(token -> token.getString("id").equals(tokenId)).findFirst()
                .orElseThrow(() -> new AssertionError("token " + tokenId + " not listed"));
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void readinessNamesTheDatabaseTheSchemaVersionAndTheUsageWriter() {
        Api.Reply ready = Api.send(HttpRequest.newBuilder(URI.create(monitoringRoot() + "health/ready")).build());
        assertEquals(200, ready.status(), ready::toString);
        // found by name: WildFly lists its own readiness checks (boot-errors, deployments, …) too
        JsonObject check = ready.object().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> "database".equals(c.getString("name", null))).findFirst()
                .orElseThrow(() -> new AssertionError("no database check in " + ready.body()));
        assertEquals("database", check.getString("name"));
        JsonObject data = check.getJsonObject("data");
        // Payara writes every data value as a JSON string
        java.util.function.Function<String, String> value = key -> {
            JsonValue found = data.get(key);
            assertTrue(found != null, key + " in " + data);
            return found instanceof jakarta.json.JsonString text ? text.getString() : found.toString();
        };
        assertEquals("true", value.apply("database_reachable"), data.toString());
        assertEquals("true", value.apply("migrations_applied"));
        assertTrue(Integer.parseInt(value.apply("schema_version")) >= 5, data.toString());
        assertEquals("50000", value.apply("usage_buffer_capacity"));
        assertTrue(Long.parseLong(value.apply("usage_buffered")) >= 0);
        assertEquals("0", value.apply("usage_dropped"));
        assertTrue(Long.parseLong(value.apply("usage_last_flush_age_ms")) < 30_000, data.toString());
        assertEquals("true", value.apply("usage_writing"));
    }

    // ---------------------------------------------------------------- the API a newcomer can explore (issue 13)

    private Api.Reply getFromDeployment(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.base().resolve(path)).timeout(Duration.ofSeconds(30));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return Api.send(request.build());
    }

    /** A file of the build's classes (the WAR's WEB-INF/classes), as UTF-8. */
    private static String builtFile(String name) throws java.io.IOException {
        try (java.io.InputStream file = PlatformApiTests.class.getResourceAsStream(name)) {
            assertNotNull(file, name);
            return new String(file.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * The WAR serves /openapi itself, under its context, the same on every server (Swagger UI and a
     * deployment at /, as the README does: LifecycleIT): the hand-kept YAML and the JSON the build wrote,
     * byte for byte (so every server serves the same bytes), which a strict validator accepts and which
     * name every served route.
     */
    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void servedOpenApiDocumentPassesAStrictValidatorAndNamesEveryServedRoute() throws java.io.IOException {
        Api.Reply yaml = getFromDeployment("openapi", null);
        assertEquals(200, yaml.status(), yaml::toString);
        assertEquals("application/yaml;charset=UTF-8", yaml.contentType().replace(" ", ""));
        assertEquals(builtFile("/META-INF/openapi.yaml"), yaml.body(), "the hand-kept file, as it is");
        Api.Reply json = getFromDeployment("openapi", "application/json");
        assertEquals(200, json.status(), json::toString);
        assertEquals("application/json", json.contentType());
        assertEquals(builtFile("/io/tollgate/openapi/openapi.json"), json.body(), "the JSON the build wrote, as it is");
        assertEquals(json.body(), getFromDeployment("openapi?format=JSON", null).body(), "?format=JSON asks for it too");
        assertFalse(json.object().containsKey("endpoints"), "no server's additions");
        assertFalse(json.object().containsKey("servers"), "no server's additions");
        // what the servers' own OpenAPI lost: the public operations' [{}], a required body, {} and null in examples
        assertEquals(jakarta.json.Json.createArrayBuilder().add(JsonValue.EMPTY_JSON_OBJECT).build(),
                json.object().getJsonObject("paths").getJsonObject("/api/auth/login").getJsonObject("post").get("security"),
                "login: security [{}]");
        assertEquals(JsonValue.TRUE, json.object().getJsonObject("paths").getJsonObject("/api/auth/login").getJsonObject("post")
                .getJsonObject("requestBody").get("required"), "login's body is required");
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, json.object().getJsonObject("components").getJsonObject("responses")
                .getJsonObject("NotFound").getJsonObject("content").getJsonObject("application/json").getJsonObject("example")
                .get("info"), "the 404 example's info: {}");
        assertEquals(JsonValue.NULL, json.object().getJsonObject("paths").getJsonObject("/api/auth/whoami").getJsonObject("get")
                .getJsonObject("responses").getJsonObject("200").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("example").get("project_id"), "whoami's example: project_id null");
        for (Api.Reply served : List.of(yaml, json)) {
            io.swagger.v3.oas.models.OpenAPI document = io.tollgate.openapi.OpenApiChecks.validated(served.body());
            io.tollgate.openapi.OpenApiChecks.ServedRoutes routes = io.tollgate.openapi.OpenApiChecks.servedRoutes();
            io.tollgate.openapi.OpenApiChecks.assertSameRoutes(routes.all(),
                    io.tollgate.openapi.OpenApiChecks.documentedRoutes(document));
            assertEquals(routes.open(), io.tollgate.openapi.OpenApiChecks.publicRoutes(document),
                    "public routes (login) need no credential, every other route the bearer one");
            io.tollgate.openapi.OpenApiChecks.assertExamplesCarryRequiredFields(document);
        }
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void versionIsPublicAndNamesTheBuild() {
        Api.Reply reply = root.anonymous().get("api/version");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(jakarta.json.Json.createObjectBuilder().add("version", System.getProperty("tollgate.version")).build(),
                reply.object());
        assertTrue(String.valueOf(reply.header("Content-Type")).startsWith("application/json"), reply::toString);
    }
}
