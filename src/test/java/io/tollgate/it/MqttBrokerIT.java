package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Spec section 9 end to end: a real RabbitMQ node ({@link RabbitNode}) asks the deployed Tollgate, through
 * the hook URLs of one broker's key, about real MQTT clients ({@link MqttDevice}) that connect with project
 * tokens (username = token id, password = a working secret). Every rule of sections 3 and 6 holds at the
 * broker: broker restriction, suspension, rotation grace, expiry, deletion and the IP allow-list, and the
 * token's {@code mqtt_rules} for publish and subscribe. A refusal after a change is seen at the next
 * connect within 1 s (RabbitMQ here caches nothing: {@code rabbitmq_auth_backend_cache} is not enabled).
 * <p>
 * One node for the suite (its start costs ~12 s): it serves the broker of a project of its own, created
 * with the first test; the tests make their own tokens in that project.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MqttBrokerIT extends DeployedWarTest {

    /** How soon a change must be seen by the broker's next check (spec section 9, "Revocation"). */
    private static final Duration REVOCATION = Duration.ofSeconds(1);
    /** How soon a use appears in the usage log (spec section 7). */
    private static final Duration USAGE = Duration.ofSeconds(2);

    private static RabbitNode node;
    private static String mqttProject;
    private static String mqttBroker;

    @BeforeEach
    void brokerWithItsNode() throws Exception {
        RabbitNode.assumeInstalled();
        if (node != null) {
            return;
        }
        mqttProject = fixtures.project();
        mqttBroker = fixtures.broker(mqttProject);
        Api.Reply key = root.send("POST", Api.broker(mqttProject, mqttBroker) + "/hook-key", null, null);
        assertEquals(200, key.status(), key::toString);
        String hookKey = key.object().getString("hook_key");
        assertTrue(hookKey.startsWith("tgb_"), hookKey);
        JsonObject urls = key.object().getJsonObject("hook_urls");
        RabbitNode.Hooks hooks = new RabbitNode.Hooks(hookUrl(urls, hookKey, "user"), hookUrl(urls, hookKey, "vhost"),
                hookUrl(urls, hookKey, "resource"), hookUrl(urls, hookKey, "topic"));
        node = RabbitNode.start(hooks);
    }

    /** The URL {@code hook_urls} gives for a RabbitMQ endpoint; it must be this server's {@code /mqtt/{key}/rabbitmq/…}. */
    private java.net.URI hookUrl(JsonObject urls, String hookKey, String endpoint) {
        String url = urls.getString("rabbitmq_" + endpoint);
        assertEquals(base.getPort(), java.net.URI.create(url).getPort(), url);
        assertTrue(url.endsWith("/mqtt/" + hookKey + "/rabbitmq/" + endpoint), url);
        return java.net.URI.create(url);
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            try {
                node.close();
            } finally {
                node = null;
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A token of the suite's project, created by root with {@code extra} fields added to name and role. */
    private JsonObject token(String role, JsonObject extra) {
        Api.Reply reply = root.post(Api.tokens(mqttProject), Api.object(extra)
                .add("name", Fixtures.unique("m").substring(0, 10)).add("role", role));
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    private JsonObject token(String role) {
        return token(role, JsonValue.EMPTY_JSON_OBJECT);
    }

    private static String id(JsonObject token) {
        return token.getString("id");
    }

    private static String secret(JsonObject token) {
        return token.getString("token");
    }

    private MqttDevice connect(JsonObject token) throws MqttException {
        return connect(id(token), secret(token));
    }

    private MqttDevice connect(String username, String password) throws MqttException {
        return MqttDevice.connect(node.mqttUri(), MqttDevice.clientId("dev"), username, password);
    }

    /** The broker's refusal of this connect: its CONNACK code (4 bad user name or password, 5 not authorized). */
    private int refusal(String username, String password, InetAddress from) {
        MqttException refused = assertThrows(MqttException.class,
                () -> MqttDevice.connect(node.mqttUri(), MqttDevice.clientId("dev"), username, password, from).close(),
                "the broker let " + username + " connect from " + from.getHostAddress());
        int code = refused.getReasonCode();
        assertTrue(code == MqttException.REASON_CODE_FAILED_AUTHENTICATION || code == MqttException.REASON_CODE_NOT_AUTHORIZED,
                () -> "not a refusal by the broker: " + refused + "\n" + node.logTail());
        return code;
    }

    private int refusal(String username, String password) {
        return refusal(username, password, InetAddress.getLoopbackAddress());
    }

    /** Connects, publishes to {@code topic} and receives it back through its own subscription. */
    private void assertRoundTrip(JsonObject token, String topic) throws Exception {
        try (MqttDevice device = connect(token)) {
            device.subscribe(topic);
            device.publish(topic, "hello " + topic);
            assertEquals(new MqttDevice.Received(topic, "hello " + topic), device.next(MqttDevice.WAIT));
        }
    }

    /** From a change answered 200 on, the broker refuses the next connect with these credentials within 1 s. */
    private void assertRefusedWithin1s(String username, String password, int expectedCode) throws Exception {
        long changed = System.nanoTime();
        while (true) {
            MqttDevice admitted;
            try {
                admitted = connect(username, password);
            } catch (MqttException refused) {
                assertEquals(expectedCode, refused.getReasonCode(), refused::toString);
                return;
            }
            admitted.close();
            if (System.nanoTime() - changed > REVOCATION.toNanos()) {
                fail("the broker still admitted " + username + " " + Duration.ofNanos(System.nanoTime() - changed).toMillis()
                        + " ms after the change");
            }
            Thread.sleep(50);
        }
    }

    private static JsonObject rules(String... effectActionFilter) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (String rule : effectActionFilter) {
            String[] parts = rule.split(" ", 3);
            list.add(Json.createObjectBuilder().add("effect", parts[0]).add("action", parts[1]).add("filter", parts[2]));
        }
        return Json.createObjectBuilder().add("mqtt_rules", list).build();
    }

    private void patch(JsonObject token, JsonObject body) {
        Api.Reply reply = root.send("PATCH", Api.token(mqttProject, id(token)), body.toString(), "application/json");
        assertEquals(200, reply.status(), reply::toString);
    }

    private void post(JsonObject token, String action, JsonObject body) {
        Api.Reply reply = root.post(Api.token(mqttProject, id(token)) + "/" + action, body);
        assertEquals(200, reply.status(), reply::toString);
    }

    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    // ---------------------------------------------------------------- connect

    @Test
    void aTokenConnectsPublishesAndReceivesAndTheConnectIsInItsUsageLog() throws Exception {
        JsonObject token = token("editor");
        String clientId = MqttDevice.clientId("sensor");
        try (MqttDevice device = MqttDevice.connect(node.mqttUri(), clientId, id(token), secret(token))) {
            device.subscribe("devices/7/+");
            device.publish("devices/7/temp", "21.5");
            assertEquals(new MqttDevice.Received("devices/7/temp", "21.5"), device.next(MqttDevice.WAIT));
        }

        long deadline = System.nanoTime() + USAGE.toNanos();
        JsonObject use = null;
        while (use == null) {
            Api.Reply usage = root.tokenUsage(mqttProject, id(token), "");
            assertEquals(200, usage.status(), usage::toString);
            use = usage.array().stream().map(JsonValue::asJsonObject)
                    .filter(u -> "MQTT".equals(u.getString("method"))).findFirst().orElse(null);
            if (use == null) {
                assertTrue(System.nanoTime() < deadline, "no MQTT connect in the usage log within 2 s: " + usage);
                Thread.sleep(100);
            }
        }
        assertEquals("ok", use.getString("outcome"), use::toString);
        assertEquals("/mqtt/" + mqttBroker + "/connect", use.getString("path"));
        assertEquals("127.0.0.1", use.getString("ip"));
        assertEquals(clientId, use.getString("user_agent"));
    }

    @Test
    void aWrongSecretAnUnknownIdAndAnotherTokensSecretAreRefused() throws Exception {
        JsonObject token = token("editor");
        JsonObject other = token("editor");
        String wrong = secret(token).substring(0, secret(token).length() - 1)
                + (secret(token).endsWith("a") ? "b" : "a");
        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refusal(id(token), wrong));
        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refusal(id(token), secret(other)));
        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refusal("no-such-token", secret(token)));
        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refusal(id(token), Fixtures.ROOT));
        try (MqttDevice admitted = connect(token)) {
            assertTrue(admitted.connected());
        }
    }

    @Test
    void aTokenOfAnotherProjectOrRestrictedToAnotherBrokerIsRefused() throws Exception {
        // the test's own project (DeployedWarTest) is another project than the node's broker's
        JsonObject elsewhere = fixtures.token(project, "admin");
        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refusal(id(elsewhere), secret(elsewhere)));

        String otherBroker = fixtures.broker(mqttProject);
        JsonObject restrictedElsewhere = token("editor", Json.createObjectBuilder().add("type", "restricted")
                .add("brokers", Json.createArrayBuilder().add(otherBroker)).build());
        refusal(id(restrictedElsewhere), secret(restrictedElsewhere));

        JsonObject restrictedHere = token("editor", Json.createObjectBuilder().add("type", "restricted")
                .add("brokers", Json.createArrayBuilder().add(mqttBroker)).build());
        assertRoundTrip(restrictedHere, "devices/here");
    }

    // ---------------------------------------------------------------- the token's life

    @Test
    void aSuspendedTokenIsRefusedAtItsNextConnectAndAdmittedAgainWhenResumed() throws Exception {
        JsonObject token = token("editor");
        connect(token).close();
        post(token, "suspend", Json.createObjectBuilder().add("reason", "lost device").build());
        assertRefusedWithin1s(id(token), secret(token), MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        post(token, "resume", JsonValue.EMPTY_JSON_OBJECT);
        connect(token).close();
    }

    @Test
    void aRotatedOutSecretIsRefusedOnceItsGraceEndsTheNewOneWorks() throws Exception {
        JsonObject token = token("editor");
        connect(token).close();
        Api.Reply rotated = root.post(Api.token(mqttProject, id(token)) + "/rotate",
                Json.createObjectBuilder().add("grace_seconds", 600).build());
        assertEquals(200, rotated.status(), rotated::toString);
        String current = rotated.object().getString("token");
        long graceEnd = rotated.object().getJsonNumber("previous_valid_until").longValue();

        connect(id(token), secret(token)).close(); // in its grace, the previous secret still connects
        connect(id(token), current).close();
        serverClock.passes(graceEnd);
        assertRefusedWithin1s(id(token), secret(token), MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        connect(id(token), current).close();

        // a rotation without grace ends the secret before it at once
        Api.Reply again = root.post(Api.token(mqttProject, id(token)) + "/rotate", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, again.status(), again::toString);
        assertRefusedWithin1s(id(token), current, MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        connect(id(token), again.object().getString("token")).close();
    }

    @Test
    void anExpiredTokenIsRefusedAtItsNextConnect() throws Exception {
        long validDate = System.currentTimeMillis() + 3_600_000;
        JsonObject token = token("editor", Json.createObjectBuilder().add("valid_date", Long.toString(validDate)).build());
        connect(token).close();
        serverClock.passes(validDate);
        assertRefusedWithin1s(id(token), secret(token), MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }

    @Test
    void aDeletedTokenIsRefusedAtItsNextConnect() throws Exception {
        JsonObject token = token("editor");
        connect(token).close();
        Api.Reply deleted = root.deleteToken(mqttProject, id(token));
        assertEquals(200, deleted.status(), deleted::toString);
        assertRefusedWithin1s(id(token), secret(token), MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }

    // ---------------------------------------------------------------- the client's address

    @Test
    void theAllowListIsCheckedAgainstTheAddressTheBrokerReports() throws Exception {
        JsonObject token = token("editor", Json.createObjectBuilder()
                .add("allowed_ips", Json.createArrayBuilder().add("127.0.0.2")).build());
        try (MqttDevice device = MqttDevice.connect(node.mqttUri(), MqttDevice.clientId("dev"), id(token), secret(token),
                address("127.0.0.2"))) {
            device.subscribe("devices/allowed");
            device.publish("devices/allowed", "x");
            assertNotNull(device.next(MqttDevice.WAIT));
        }
        // the password is right: the broker's vhost check, which reports the address, refuses it
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, refusal(id(token), secret(token), address("127.0.0.1")));

        patch(token, Json.createObjectBuilder().add("allowed_ips", Json.createArrayBuilder().add("127.0.0.1")).build());
        assertRefusedWithin1sFrom(token, address("127.0.0.2"));
        MqttDevice.connect(node.mqttUri(), MqttDevice.clientId("dev"), id(token), secret(token), address("127.0.0.1")).close();
    }

    private void assertRefusedWithin1sFrom(JsonObject token, InetAddress from) throws Exception {
        long changed = System.nanoTime();
        while (true) {
            try {
                MqttDevice.connect(node.mqttUri(), MqttDevice.clientId("dev"), id(token), secret(token), from).close();
            } catch (MqttException refused) {
                assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, refused.getReasonCode(), refused::toString);
                return;
            }
            assertTrue(System.nanoTime() - changed < REVOCATION.toNanos(), "still admitted from " + from + " after 1 s");
            Thread.sleep(50);
        }
    }

    // ---------------------------------------------------------------- topic rules

    @Test
    void aPublishOutsideTheRulesIsRefusedAndNotDelivered() throws Exception {
        JsonObject token = token("editor", rules("allow all devices/#"));
        JsonObject watcher = token("editor");
        try (MqttDevice listener = connect(watcher); MqttDevice device = connect(token)) {
            listener.subscribe("#");
            device.publish("devices/1/temp", "inside");
            assertEquals(new MqttDevice.Received("devices/1/temp", "inside"), listener.next(MqttDevice.WAIT));

            assertThrows(MqttException.class, () -> device.publish("billing/1", "outside"));
            assertTrue(device.awaitClosedByBroker(MqttDevice.WAIT), "a refused publish closes the connection");
            assertEquals(null, listener.next(Duration.ofMillis(500)), "a refused publish was delivered");
        }
    }

    @Test
    void hashIsRefusedWhenOnlyDevicesHashIsGranted() throws Exception {
        JsonObject token = token("viewer", rules("allow subscribe devices/#"));
        try (MqttDevice device = connect(token)) {
            device.subscribe("devices/#");
            device.subscribe("devices/+/temp");
        }
        try (MqttDevice device = connect(token)) {
            assertThrows(MqttException.class, () -> device.subscribe("#"));
            assertTrue(device.awaitClosedByBroker(MqttDevice.WAIT), "a refused subscribe closes the connection");
        }
        try (MqttDevice device = connect(token)) {
            assertThrows(MqttException.class, () -> device.publish("devices/1", "a subscriber only"));
            assertTrue(device.awaitClosedByBroker(MqttDevice.WAIT));
        }
    }

    @Test
    void aRuleChangeIsSeenByTheNextCheck() throws Exception {
        JsonObject token = token("editor", rules("allow all devices/#"));
        assertRoundTrip(token, "devices/a");
        patch(token, rules("deny publish devices/a", "allow all devices/#"));
        long changed = System.nanoTime();
        while (true) {
            try (MqttDevice device = connect(token)) {
                try {
                    device.publish("devices/a", "x");
                } catch (MqttException refused) {
                    break;
                }
            }
            assertTrue(System.nanoTime() - changed < REVOCATION.toNanos(), "the old rules still held after 1 s");
            Thread.sleep(50);
        }
        assertRoundTrip(token, "devices/b");
    }

    @Test
    void theClientIdPlaceholderConfinesEachClientToItsOwnTopics() throws Exception {
        JsonObject token = token("editor", rules("allow all devices/${clientid}/#"));
        String clientId = MqttDevice.clientId("meter");
        try (MqttDevice device = MqttDevice.connect(node.mqttUri(), clientId, id(token), secret(token))) {
            device.subscribe("devices/" + clientId + "/#");
            device.publish("devices/" + clientId + "/kwh", "3");
            assertEquals(new MqttDevice.Received("devices/" + clientId + "/kwh", "3"), device.next(MqttDevice.WAIT));
            assertThrows(MqttException.class, () -> device.publish("devices/someone-else/kwh", "3"));
        }
    }
}
