package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.it.Api.TokenSpec;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Brokers check tokens (spec section 9) on the packaged WAR: the requests EMQX 5, mosquitto-go-auth
 * (JSON params mode) and RabbitMQ's {@code rabbitmq_auth_backend_http} send, with their documented
 * field names and types, replayed against the hook endpoints, and the answers each broker parses.
 * <p>
 * Every test is in the runtime subset (the contracts on every server and database, issue 21) and
 * {@code @RunAsClient}, each on its own: both would be inherited from the class by the rest of
 * {@link DeployedSuitesIT}'s chain, whose single deployment (see there) this class is part of.
 */
abstract class BrokerHooksTests extends PeopleApiTests {

    private static final Set<String> URL_KEYS = Set.of("emqx_authn", "emqx_authz", "go_auth_user", "go_auth_acl",
            "go_auth_superuser", "rabbitmq_user", "rabbitmq_vhost", "rabbitmq_resource", "rabbitmq_topic");

    /** A broker's hook key and URLs, as the hook-key answer gives them. */
    private record Hooks(String key, Map<String, String> urls) {

        String url(String name) {
            return urls.get(name);
        }
    }

    private Hooks hooks(String brokerId) {
        Api.Reply reply = root.send("POST", Api.broker(project, brokerId) + "/hook-key", null, null);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.object();
        assertEquals(Set.of("hook_key", "hook_urls"), body.keySet());
        Map<String, String> urls = body.getJsonObject("hook_urls").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((jakarta.json.JsonString) e.getValue()).getString()));
        return new Hooks(body.getString("hook_key"), urls);
    }

    private static Api.Reply post(String url, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Api.send(request.build());
    }

    private static Api.Reply json(String url, JsonObjectBuilder body) {
        return post(url, "application/json", body.build().toString());
    }

    /** A form as RabbitMQ posts it. */
    private static Api.Reply form(String url, String... fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            values.put(fields[i], fields[i + 1]);
        }
        String body = values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return post(url, "application/x-www-form-urlencoded", body);
    }

    // EMQX 5: every placeholder rendered as a JSON string

    private static JsonObjectBuilder emqxAuthn(String username, String password, String clientId, String peerhost) {
        return Json.createObjectBuilder().add("username", username).add("password", password).add("clientid", clientId)
                .add("peerhost", peerhost);
    }

    private static JsonObjectBuilder emqxAuthz(String username, String action, String topic, String qos, String retain) {
        return Json.createObjectBuilder().add("username", username).add("clientid", "device-1")
                .add("peerhost", "127.0.0.1").add("action", action).add("topic", topic).add("qos", qos).add("retain", retain);
    }

    private static String result(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        return reply.object().getString("result");
    }

    // mosquitto-go-auth: strings, acc an integer

    private static Api.Reply goAuthUser(Hooks hooks, String username, String password) {
        return goAuthUser(hooks, username, password, "go-client");
    }

    private static Api.Reply goAuthUser(Hooks hooks, String username, String password, String clientId) {
        return json(hooks.url("go_auth_user"), Json.createObjectBuilder().add("username", username)
                .add("password", password).add("clientid", clientId));
    }

    private static Api.Reply goAuthAcl(Hooks hooks, String username, String topic, int acc) {
        return goAuthAcl(hooks, username, topic, acc, "go-client");
    }

    private static Api.Reply goAuthAcl(Hooks hooks, String username, String topic, int acc, String clientId) {
        return json(hooks.url("go_auth_acl"), Json.createObjectBuilder().add("username", username)
                .add("clientid", clientId).add("topic", topic).add("acc", acc));
    }

    /** go-auth's answer: allowed, or the reason of a 403. */
    private static String goAuth(Api.Reply reply) {
        JsonObject body = reply.object();
        if (reply.status() == 200) {
            assertEquals(JsonValue.TRUE, body.get("ok"), reply::toString);
            assertEquals("", body.getString("error"));
            return "ok";
        }
        assertEquals(403, reply.status(), reply::toString);
        assertEquals(JsonValue.FALSE, body.get("ok"), reply::toString);
        return body.getString("error");
    }

    private static String text(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("text/plain"), reply.contentType());
        return reply.body();
    }

    private JsonObject token(String role, String... brokers) {
        return fixtures.token(project, role, brokers);
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void aHookKeyIsShownOnceWithEveryUrlAndDatedOnTheBroker() {
        assertEquals(JsonValue.NULL, root.getBroker(project, broker).object().get("hook_key_created_date"));
        long before = System.currentTimeMillis();
        Hooks hooks = hooks(broker);
        assertTrue(hooks.key().matches("tgb_[0-9A-Za-z]{40}"), hooks.key());
        assertEquals(URL_KEYS, hooks.urls().keySet());
        String prefix = base.toString().replaceAll("/$", "") + "/mqtt/" + hooks.key() + "/";
        assertEquals(prefix + "emqx/authn", hooks.url("emqx_authn"));
        assertEquals(prefix + "go-auth/acl", hooks.url("go_auth_acl"));
        assertEquals(prefix + "rabbitmq/topic", hooks.url("rabbitmq_topic"));
        long created = root.getBroker(project, broker).object().getJsonNumber("hook_key_created_date").longValue();
        assertTrue(created >= before && created <= System.currentTimeMillis(), Long.toString(created));
        assertFalse(root.getBroker(project, broker).body().contains(hooks.key()));

        JsonArray audit = root.get(Api.project(project) + "/audit?limit=100").array();
        JsonObject event = audit.stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("action").equals("broker.hook_key")).findFirst().orElseThrow();
        assertEquals(broker, event.getString("target_id"));
        assertFalse(audit.toString().contains(hooks.key()), "no key in the audit trail");
        assertFalse(audit.toString().contains(sha(hooks.key())), "no key hash in the audit trail");
    }

    private static String sha(String value) {
        return Asserts.sha256(value);
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void aViewerCannotCreateAKeyAndARestrictedAdminOnlyForItsBroker() {
        String other = fixtures.broker(project);
        Api viewer = root.as(fixtures.secret(project, "viewer"));
        assertEquals(403, viewer.send("POST", Api.broker(project, broker) + "/hook-key", null, null).status());
        Api restricted = root.as(fixtures.secret(project, "admin", broker));
        assertEquals(200, restricted.send("POST", Api.broker(project, broker) + "/hook-key", null, null).status());
        assertEquals(403, restricted.send("POST", Api.broker(project, other) + "/hook-key", null, null).status());
        assertEquals(404, root.send("POST", Api.broker(project, "no-such-broker") + "/hook-key", null, null).status());
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void anUnknownOrReplacedKeyIs404OnEveryPath() {
        Hooks old = hooks(broker);
        Hooks current = hooks(broker);
        String unknown = "tgb_" + "x".repeat(40);
        for (String name : URL_KEYS) {
            for (String key : List.of(old.key(), unknown, "garbage")) {
                String url = current.url(name).replace(current.key(), key);
                Api.Reply reply = post(url, "application/json", "{}");
                Asserts.assertProblem(reply, 404, "NOT_FOUND");
            }
        }
        Asserts.assertProblem(post(current.url("emqx_authn").replace(current.key(), old.key()).replace("emqx/authn", "nowhere"),
                "application/json", "{}"), 404, "NOT_FOUND");
        // under a valid key: an unknown endpoint is a 404, another method a 405
        Asserts.assertProblem(post(current.url("emqx_authn").replace("authn", "nowhere"), "application/json", "{}"),
                404, "NOT_FOUND");
        Api.Reply get = Api.send(HttpRequest.newBuilder(URI.create(current.url("emqx_authn"))).GET().build());
        Asserts.assertProblem(get, 405, "METHOD_NOT_ALLOWED");
        assertEquals("POST", get.header("Allow"));
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void emqxAuthenticationAnswersAllowWithAclAndExpireAtOrDeny() {
        Hooks hooks = hooks(broker);
        JsonObject token = token("editor");
        String id = token.getString("id");
        Api.Reply reply = json(hooks.url("emqx_authn"), emqxAuthn(id, token.getString("token"), "device-1", "127.0.0.1"));
        assertEquals("allow", result(reply));
        JsonObject body = reply.object();
        assertEquals(JsonValue.FALSE, body.get("is_superuser"));
        assertEquals(token.getJsonNumber("valid_date").longValue() / 1000, body.getJsonNumber("expire_at").longValue());
        assertTrue(body.getJsonNumber("expire_at").isIntegral());
        JsonArray acl = body.getJsonArray("acl");
        assertEquals(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("permission", "allow").add("action", "publish").add("topic", "#"))
                .add(Json.createObjectBuilder().add("permission", "deny").add("action", "publish").add("topic", "#"))
                .build(), acl);

        String secret = token.getString("token");
        String mistyped = secret.substring(0, 5) + (secret.charAt(5) == 'x' ? 'y' : 'x') + secret.substring(6);
        assertEquals(Set.of("result"), json(hooks.url("emqx_authn"), emqxAuthn(id, mistyped, "device-1", "127.0.0.1"))
                .object().keySet());
        assertEquals("deny", result(json(hooks.url("emqx_authn"), emqxAuthn(id, "wrong", "d", "127.0.0.1"))));
        // the secret of one token under the id of another
        JsonObject other = token("admin");
        assertEquals("deny", result(json(hooks.url("emqx_authn"),
                emqxAuthn(other.getString("id"), token.getString("token"), "d", "127.0.0.1"))));
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void aTokenOfAnotherProjectIsDenied() {
        Hooks hooks = hooks(broker);
        String otherProject = fixtures.project();
        JsonObject foreign = fixtures.token(otherProject, "admin");
        assertEquals("deny", result(json(hooks.url("emqx_authn"),
                emqxAuthn(foreign.getString("id"), foreign.getString("token"), "d", "127.0.0.1"))));
        assertEquals("invalid", goAuth(goAuthUser(hooks, foreign.getString("id"), foreign.getString("token"))));
        assertEquals("invalid", goAuth(goAuthAcl(hooks, foreign.getString("id"), "a", 2)));
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void emqxAuthorizationFollowsTheRules() {
        Hooks hooks = hooks(broker);
        String viewer = token("viewer").getString("id");
        String editor = token("editor").getString("id");
        assertEquals("allow", result(json(hooks.url("emqx_authz"), emqxAuthz(viewer, "subscribe", "#", "0", "false"))));
        assertEquals("deny", result(json(hooks.url("emqx_authz"), emqxAuthz(viewer, "publish", "a/b", "1", "false"))));
        assertEquals("allow", result(json(hooks.url("emqx_authz"), emqxAuthz(editor, "publish", "a/b", "2", "true"))));
        assertEquals("deny", result(json(hooks.url("emqx_authz"), emqxAuthz("nobody", "publish", "a/b", "0", "false"))));
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void aFieldOfAnotherTypeThanTheBrokerSendsIs400() {
        Hooks hooks = hooks(broker);
        String editor = token("editor").getString("id");
        Api.Reply qosNumber = json(hooks.url("emqx_authz"), emqxAuthz(editor, "publish", "a", "0", "false").add("qos", 1));
        Asserts.assertProblem(qosNumber, 400, "VALIDATION_FAILED");
        assertEquals("qos", qosNumber.object().getJsonObject("info").getString("field"));
        Api.Reply retainBoolean = json(hooks.url("emqx_authz"), emqxAuthz(editor, "publish", "a", "0", "x").add("retain", false));
        assertEquals("retain", retainBoolean.object().getJsonObject("info").getString("field"));
        Api.Reply accString = json(hooks.url("go_auth_acl"), Json.createObjectBuilder().add("username", editor)
                .add("clientid", "c").add("topic", "a").add("acc", "2"));
        Asserts.assertProblem(accString, 400, "VALIDATION_FAILED");
        assertEquals("acc", accString.object().getJsonObject("info").getString("field"));
        Asserts.assertProblem(post(hooks.url("emqx_authn"), "application/json", "{\"username\":"), 400, "MALFORMED_REQUEST");
        Asserts.assertProblem(post(hooks.url("emqx_authn"), "application/x-www-form-urlencoded", "username=a"),
                400, "MALFORMED_REQUEST");
        Asserts.assertProblem(post(hooks.url("rabbitmq_user"), "application/json", "{}"), 400, "MALFORMED_REQUEST");
        Api.Reply missing = form(hooks.url("rabbitmq_user"), "username", editor);
        Asserts.assertProblem(missing, 400, "VALIDATION_FAILED");
        assertEquals("password", missing.object().getJsonObject("info").getString("field"));
        Asserts.assertProblem(post(hooks.url("rabbitmq_user"), "application/x-www-form-urlencoded", "username=a&username=b&password=c"),
                400, "MALFORMED_REQUEST");
        Asserts.assertProblem(post(hooks.url("rabbitmq_user"), "application/x-www-form-urlencoded", "username=%FF&password=c"),
                400, "MALFORMED_REQUEST");
        Asserts.assertProblem(post(hooks.url("emqx_authn"), "application/json", "{\"x\":\"" + "y".repeat(70_000) + "\"}"),
                413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void goAuthAnswersOkOrTheReasonAndNeverASuperuser() {
        Hooks hooks = hooks(broker);
        JsonObject viewer = token("viewer");
        String id = viewer.getString("id");
        assertEquals("ok", goAuth(goAuthUser(hooks, id, viewer.getString("token"))));
        assertEquals("invalid", goAuth(goAuthUser(hooks, id, "tg_wrong")));
        assertEquals("ok", goAuth(goAuthAcl(hooks, id, "sensors/1", 4)));
        assertEquals("ok", goAuth(goAuthAcl(hooks, id, "sensors/1", 1)));
        assertEquals("topic_not_allowed", goAuth(goAuthAcl(hooks, id, "sensors/1", 2)));
        assertEquals("topic_not_allowed", goAuth(goAuthAcl(hooks, id, "sensors/1", 3)));
        assertEquals("superuser_not_allowed", goAuth(json(hooks.url("go_auth_superuser"),
                Json.createObjectBuilder().add("username", id))));
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void rabbitMqAllowsTheMqttPluginsPlumbingAndChecksTopics() {
        Hooks hooks = hooks(broker);
        JsonObject viewer = token("viewer");
        String id = viewer.getString("id");
        assertEquals("allow", text(form(hooks.url("rabbitmq_user"), "username", id, "password", viewer.getString("token"),
                "vhost", "/", "client_id", "rmq-1")));
        assertEquals("deny", text(form(hooks.url("rabbitmq_user"), "username", id, "password", "nope")));
        assertEquals("allow", text(form(hooks.url("rabbitmq_vhost"), "username", id, "vhost", "/", "ip", "127.0.0.1")));
        assertEquals("allow", text(form(hooks.url("rabbitmq_resource"), "username", id, "vhost", "/",
                "resource", "exchange", "name", "amq.topic", "permission", "write")));
        assertEquals("allow", text(form(hooks.url("rabbitmq_resource"), "username", id, "vhost", "/",
                "resource", "queue", "name", "mqtt-subscription-rmq-1qos1", "permission", "configure")));
        assertEquals("deny", text(form(hooks.url("rabbitmq_resource"), "username", id, "vhost", "/",
                "resource", "queue", "name", "orders", "permission", "read")));
        assertEquals("deny", text(form(hooks.url("rabbitmq_resource"), "username", id, "vhost", "/",
                "resource", "exchange", "name", "amq.direct", "permission", "write")));
        assertEquals("allow", text(form(hooks.url("rabbitmq_topic"), "username", id, "vhost", "/", "resource", "topic",
                "name", "amq.topic", "permission", "read", "routing_key", "sensors.*.temp")));
        assertEquals("deny", text(form(hooks.url("rabbitmq_topic"), "username", id, "vhost", "/", "resource", "topic",
                "name", "amq.topic", "permission", "write", "routing_key", "sensors.1.temp")));
        String editor = token("editor").getString("id");
        assertEquals("allow", text(form(hooks.url("rabbitmq_topic"), "username", editor, "vhost", "/", "resource", "topic",
                "name", "amq.topic", "permission", "write", "routing_key", "sensors.1.temp")));
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void suspendedDeletedExpiredAndRestrictedTokensAreDeniedAtTheirNextCheck() {
        Hooks hooks = hooks(broker);
        JsonObject suspended = token("editor");
        String suspendedId = suspended.getString("id");
        assertEquals("ok", goAuth(goAuthAcl(hooks, suspendedId, "a", 2)), "cached as working");
        assertEquals(200, root.post(Api.token(project, suspendedId) + "/suspend", Api.object()).status());
        assertEquals("suspended", goAuth(goAuthAcl(hooks, suspendedId, "a", 2)));
        assertEquals("suspended", goAuth(goAuthUser(hooks, suspendedId, suspended.getString("token"))));
        assertEquals("deny", result(json(hooks.url("emqx_authz"), emqxAuthz(suspendedId, "publish", "a", "0", "false"))));

        JsonObject deleted = token("editor");
        String deletedId = deleted.getString("id");
        assertEquals("ok", goAuth(goAuthAcl(hooks, deletedId, "a", 2)));
        assertEquals(200, root.deleteToken(project, deletedId).status());
        assertEquals("invalid", goAuth(goAuthAcl(hooks, deletedId, "a", 2)));
        assertEquals("revoked", goAuth(goAuthUser(hooks, deletedId, deleted.getString("token"))));
        assertEquals("deny", text(form(hooks.url("rabbitmq_topic"), "username", deletedId, "vhost", "/", "resource", "topic",
                "name", "amq.topic", "permission", "write", "routing_key", "a")));

        String other = fixtures.broker(project);
        JsonObject elsewhere = token("editor", other);
        assertEquals("broker_not_allowed", goAuth(goAuthUser(hooks, elsewhere.getString("id"), elsewhere.getString("token"))));
        assertEquals("broker_not_allowed", goAuth(goAuthAcl(hooks, elsewhere.getString("id"), "a", 2)));
        JsonObject here = token("editor", broker);
        assertEquals("ok", goAuth(goAuthUser(hooks, here.getString("id"), here.getString("token"))));

        Api.Reply created = root.createToken(project, TokenSpec.of("soon", "editor").unrestricted()
                .validDate(System.currentTimeMillis() + 3_600_000));
        JsonObject expiring = created.object();
        assertEquals("ok", goAuth(goAuthAcl(hooks, expiring.getString("id"), "a", 2)));
        serverClock.passes(expiring.getJsonNumber("valid_date").longValue());
        assertEquals("expired", goAuth(goAuthAcl(hooks, expiring.getString("id"), "a", 2)));
        assertEquals("expired", goAuth(goAuthUser(hooks, expiring.getString("id"), expiring.getString("token"))));
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void aPreviousSecretWorksUntilItsGraceEndsAndEmqxIsToldWhen() {
        Hooks hooks = hooks(broker);
        JsonObject token = token("editor");
        String id = token.getString("id");
        String old = token.getString("token");
        Api.Reply rotated = root.post(Api.token(project, id) + "/rotate", Api.object().add("grace_seconds", 600));
        assertEquals(200, rotated.status(), rotated::toString);
        long graceEnds = rotated.object().getJsonNumber("previous_valid_until").longValue();
        Api.Reply reply = json(hooks.url("emqx_authn"), emqxAuthn(id, old, "d", "127.0.0.1"));
        assertEquals("allow", result(reply));
        assertEquals(graceEnds / 1000, reply.object().getJsonNumber("expire_at").longValue());
        assertEquals("ok", goAuth(goAuthUser(hooks, id, rotated.object().getString("token"))));
        serverClock.passes(graceEnds);
        assertEquals("rotated", goAuth(goAuthUser(hooks, id, old)));
        assertEquals("deny", result(json(hooks.url("emqx_authn"), emqxAuthn(id, old, "d", "127.0.0.1"))));
    }

    /** A RabbitMQ MQTT client's connect, as its two requests: the password, then the address. */
    private static String rabbitConnect(Hooks hooks, String username, String password, String clientId) {
        String user = text(form(hooks.url("rabbitmq_user"), "username", username, "password", password, "vhost", "/",
                "client_id", clientId));
        return user.equals("allow") ? text(form(hooks.url("rabbitmq_vhost"), "username", username, "vhost", "/",
                "ip", "127.0.0.1", "tags", "", "client_id", clientId)) : user;
    }

    /** A RabbitMQ MQTT client's publish check, with the client id in its variable map as RabbitMQ sends it. */
    private static String rabbitPublish(Hooks hooks, String username, String clientId, String routingKey) {
        return text(form(hooks.url("rabbitmq_topic"), "username", username, "vhost", "/", "resource", "topic",
                "name", "amq.topic", "permission", "write", "routing_key", routingKey, "tags", "",
                "variable_map.client_id", clientId, "variable_map.username", username, "variable_map.vhost", "/"));
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void aClientIsRefusedAtItsNextCheckOnceTheSecretItConnectedWithEnds() {
        Hooks hooks = hooks(broker);
        JsonObject token = token("editor");
        String id = token.getString("id");
        String old = token.getString("token");
        Api.Reply rotated = root.post(Api.token(project, id) + "/rotate", Api.object().add("grace_seconds", 600));
        assertEquals(200, rotated.status(), rotated::toString);
        String current = rotated.object().getString("token");
        long graceEnds = rotated.object().getJsonNumber("previous_valid_until").longValue();

        // during the grace, one client of each broker on the old secret and one on the new
        assertEquals("allow", result(json(hooks.url("emqx_authn"), emqxAuthn(id, old, "emqx-old", "127.0.0.1"))));
        assertEquals("allow", result(json(hooks.url("emqx_authn"), emqxAuthn(id, current, "emqx-new", "127.0.0.1"))));
        assertEquals("ok", goAuth(goAuthUser(hooks, id, old, "go-old")));
        assertEquals("ok", goAuth(goAuthUser(hooks, id, current, "go-new")));
        assertEquals("allow", rabbitConnect(hooks, id, old, "rmq-old"));
        assertEquals("allow", rabbitConnect(hooks, id, current, "rmq-new"));
        for (String client : List.of("emqx-old", "emqx-new")) {
            assertEquals("allow", result(json(hooks.url("emqx_authz"),
                    emqxAuthz(id, "publish", "a/b", "0", "false").add("clientid", client))), client);
        }
        assertEquals("ok", goAuth(goAuthAcl(hooks, id, "a/b", 2, "go-old")));
        assertEquals("ok", goAuth(goAuthAcl(hooks, id, "a/b", 1, "go-old")));
        assertEquals("allow", rabbitPublish(hooks, id, "rmq-old", "a.b"));

        serverClock.passes(graceEnds);
        assertEquals("deny", result(json(hooks.url("emqx_authz"),
                emqxAuthz(id, "publish", "a/b", "0", "false").add("clientid", "emqx-old"))));
        assertEquals("deny", result(json(hooks.url("emqx_authz"),
                emqxAuthz(id, "subscribe", "a/b", "0", "false").add("clientid", "emqx-old"))));
        assertEquals("rotated", goAuth(goAuthAcl(hooks, id, "a/b", 2, "go-old")));
        assertEquals("rotated", goAuth(goAuthAcl(hooks, id, "a/b", 1, "go-old")), "deliveries too");
        assertEquals("rotated", goAuth(goAuthAcl(hooks, id, "a/b", 4, "go-old")));
        assertEquals("deny", rabbitPublish(hooks, id, "rmq-old", "a.b"));

        assertEquals("allow", result(json(hooks.url("emqx_authz"),
                emqxAuthz(id, "publish", "a/b", "0", "false").add("clientid", "emqx-new"))));
        assertEquals("ok", goAuth(goAuthAcl(hooks, id, "a/b", 2, "go-new")));
        assertEquals("allow", rabbitPublish(hooks, id, "rmq-new", "a.b"));

        // the old client reconnects with the current secret: its checks work again
        assertEquals("ok", goAuth(goAuthUser(hooks, id, current, "go-old")));
        assertEquals("ok", goAuth(goAuthAcl(hooks, id, "a/b", 2, "go-old")));

        // a later rotation ends the previous secret a client holds at once, grace or not
        Api.Reply again = root.post(Api.token(project, id) + "/rotate", Api.object().add("grace_seconds", 600));
        assertEquals(200, again.status(), again::toString);
        assertEquals("ok", goAuth(goAuthUser(hooks, id, current, "go-held")));
        assertEquals("ok", goAuth(goAuthAcl(hooks, id, "a/b", 2, "go-held")));
        Api.Reply third = root.post(Api.token(project, id) + "/rotate", Api.object().add("grace_seconds", 600));
        assertEquals(200, third.status(), third::toString);
        assertEquals("rotated", goAuth(goAuthAcl(hooks, id, "a/b", 2, "go-held")));

        // a rotation after a client connected with the then current secret ends it at that rotation's grace end
        assertEquals("ok", goAuth(goAuthUser(hooks, id, third.object().getString("token"), "go-fresh")));
        Api.Reply fourth = root.post(Api.token(project, id) + "/rotate", Api.object().add("grace_seconds", 600));
        assertEquals(200, fourth.status(), fourth::toString);
        assertEquals("ok", goAuth(goAuthAcl(hooks, id, "a/b", 2, "go-fresh")), "during the grace");
        serverClock.passes(fourth.object().getJsonNumber("previous_valid_until").longValue());
        assertEquals("rotated", goAuth(goAuthAcl(hooks, id, "a/b", 2, "go-fresh")), "the grace is over");
        assertEquals("ok", goAuth(goAuthUser(hooks, id, fourth.object().getString("token"), "go-fresh")));
        assertEquals("ok", goAuth(goAuthAcl(hooks, id, "a/b", 2, "go-fresh")), "connected again with the new secret");
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void theAllowListIsCheckedWhereTheBrokerReportsTheAddressAndFailsClosedWhereItDoesNot() {
        Hooks hooks = hooks(broker);
        Api.Reply created = root.post(Api.tokens(project), Api.object(TokenSpec.of("listed", "editor").json())
                .add("allowed_ips", Json.createArrayBuilder().add("127.0.0.1")));
        assertEquals(200, created.status(), created::toString);
        JsonObject token = created.object();
        String id = token.getString("id");
        String secret = token.getString("token");
        assertEquals("allow", result(json(hooks.url("emqx_authn"), emqxAuthn(id, secret, "d", "127.0.0.1"))));
        assertEquals("deny", result(json(hooks.url("emqx_authn"), emqxAuthn(id, secret, "d", "127.0.0.2"))));
        assertEquals("allow", result(json(hooks.url("emqx_authz"), emqxAuthz(id, "publish", "a", "0", "false"))));
        assertEquals("deny", result(json(hooks.url("emqx_authz"),
                emqxAuthz(id, "publish", "a", "0", "false").add("peerhost", "203.0.113.9"))));
        assertEquals("allow", text(form(hooks.url("rabbitmq_user"), "username", id, "password", secret)));
        assertEquals("allow", text(form(hooks.url("rabbitmq_vhost"), "username", id, "vhost", "/", "ip", "127.0.0.1")));
        assertEquals("deny", text(form(hooks.url("rabbitmq_vhost"), "username", id, "vhost", "/", "ip", "127.0.0.2")));
        assertEquals("ip_not_allowed", goAuth(goAuthUser(hooks, id, secret)));
        assertEquals("ip_not_allowed", goAuth(goAuthAcl(hooks, id, "a", 2)));
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void everyConnectAttemptIsInTheTokensUsageLogWithoutTheKey() throws Exception {
        Hooks hooks = hooks(broker);
        JsonObject token = token("editor");
        String id = token.getString("id");
        assertEquals("allow", result(json(hooks.url("emqx_authn"), emqxAuthn(id, token.getString("token"), "device-7", "127.0.0.1"))));
        assertEquals("deny", result(json(hooks.url("emqx_authn"), emqxAuthn(id, "tg_guess", "device-8", "198.51.100.4"))));
        JsonArray uses = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            uses = root.tokenUsage(project, id, "").array();
            if (uses.size() >= 2) {
                break;
            }
            Thread.sleep(200);
        }
        assertNotNull(uses);
        assertEquals(2, uses.size(), uses::toString);
        JsonObject refused = uses.getJsonObject(0);
        JsonObject accepted = uses.getJsonObject(1);
        assertEquals("ok", accepted.getString("outcome"));
        assertEquals("MQTT", accepted.getString("method"));
        assertEquals("/mqtt/" + broker + "/connect", accepted.getString("path"));
        assertEquals("127.0.0.1", accepted.getString("ip"));
        assertEquals("device-7", accepted.getString("user_agent"));
        assertEquals("invalid", refused.getString("outcome"));
        assertEquals("198.51.100.4", refused.getString("ip"));
        assertFalse(uses.toString().contains(hooks.key()));

        deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonValue lastUsed = JsonValue.NULL;
        while (System.nanoTime() < deadline && lastUsed == JsonValue.NULL) {
            JsonObject listed = root.listTokens(project).array().stream().map(JsonValue::asJsonObject)
                    .filter(t -> t.getString("id").equals(id)).findFirst().orElseThrow();
            lastUsed = listed.get("last_used_date");
            Thread.sleep(200);
        }
        assertTrue(lastUsed instanceof jakarta.json.JsonNumber, "a successful connect is a use: " + lastUsed);

        String metrics = Api.send(HttpRequest.newBuilder(base.toURI().resolve("metrics")).GET().build()).body();
        assertTrue(metrics.contains("tollgate_mqtt_checks_total{action=\"connect\",contract=\"emqx\",outcome=\"allow\"}"),
                "checks are counted by contract, action and outcome");
        assertFalse(metrics.contains(hooks.key()));
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void wrongKeysAreThrottledPerClientAddress() throws Exception {
        Hooks hooks = hooks(broker);
        RawHttp http = new RawHttp(base.toURI());
        String wrong = hooks.url("emqx_authn").replace(hooks.key(), "tgb_" + "w".repeat(40));
        String path = URI.create(wrong).getPath();
        String client = "X-Forwarded-For: 198.51.100." + (1 + (int) (Math.random() * 200));
        for (int i = 1; i <= 30; i++) {
            RawHttp.Response reply = http.from("127.0.0.2").send("POST", path, "{}", "Content-Type: application/json", client);
            assertEquals(404, reply.status(), "wrong key " + i + ": " + reply);
        }
        RawHttp.Response throttled = http.from("127.0.0.2").send("POST", path, "{}", "Content-Type: application/json", client);
        assertEquals(429, throttled.status(), throttled::toString);
        assertEquals("TOO_MANY_REQUESTS", throttled.object().getString("code"));
        assertNotNull(throttled.header("Retry-After"));
        String right = URI.create(hooks.url("emqx_authn")).getPath();
        assertEquals(429, http.from("127.0.0.2").send("POST", right, "{}", "Content-Type: application/json", client).status(),
                "refused, right key included, for that address");
        assertEquals(404, http.send("POST", path, "{}", "Content-Type: application/json").status(), "other addresses go on");
    }

    @Test
    @Tag(RuntimeSubset.TAG)
    @RunAsClient
    void deletingTheBrokerDeletesItsKey() {
        String doomed = fixtures.broker(project);
        Hooks hooks = hooks(doomed);
        JsonObject token = token("editor");
        assertEquals("ok", goAuth(goAuthUser(hooks, token.getString("id"), token.getString("token"))));
        assertEquals(200, root.deleteBroker(project, doomed).status());
        Asserts.assertProblem(goAuthUser(hooks, token.getString("id"), token.getString("token")), 404, "NOT_FOUND");
    }
}
