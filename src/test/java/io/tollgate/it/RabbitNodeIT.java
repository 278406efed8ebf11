package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real broker the MQTT suites use ({@link RabbitNode}), against an HTTP auth backend of the test's
 * own (the JDK's HTTP server on 127.0.0.1): what RabbitMQ 3.10's {@code rabbitmq_auth_backend_http}
 * asks, field by field, and that it obeys the answers. {@link MqttBrokerIT} then puts Tollgate's hook
 * endpoints (spec section 9) behind the same node; this suite pins down the requests those endpoints
 * must accept, with no Tollgate server at all.
 * <p>
 * Not tagged {@link RuntimeSubset}: nothing here depends on the server or the database, so CI runs it
 * in its full Payara + H2 cell only.
 */
class RabbitNodeIT {

    private static final String USER = "device-7";
    private static final String PASSWORD = "right-password";

    private static HttpServer backend;
    private static RabbitNode node;
    /** Every request RabbitMQ sent: the path after {@code /auth/} and the form fields in their order. */
    private static final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private static volatile Predicate<Request> allow = request -> true;

    record Request(String path, Map<String, String> form) {

        String get(String field) {
            return form.get(field);
        }
    }

    @BeforeAll
    static void startBrokerAndBackend() throws Exception {
        RabbitNode.assumeInstalled();
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        backend.createContext("/auth/", RabbitNodeIT::answer);
        backend.start();
        node = RabbitNode.start(RabbitNode.Hooks.under("http://127.0.0.1:" + backend.getAddress().getPort() + "/auth/"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (node != null) {
                node.close();
                for (long pid : node.pids()) {
                    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " left");
                }
            }
        } finally {
            if (backend != null) {
                backend.stop(0);
            }
        }
    }

    @BeforeEach
    void allowAll() {
        allow = request -> true;
        requests.clear();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        Request request = new Request(exchange.getRequestURI().getPath().substring("/auth/".length()), form);
        boolean post = "POST".equals(exchange.getRequestMethod());
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        requests.add(post && type != null && type.startsWith("application/x-www-form-urlencoded")
                ? request : new Request(exchange.getRequestMethod() + " " + type + " " + request.path(), form));
        byte[] answer = (allow.test(request) ? "allow" : "deny").getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static List<Request> asked(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    @Test
    void anAllowedClientConnectsPublishesAndReceivesWhatRabbitAskedIsRecorded() throws Exception {
        allow = request -> !request.path().equals("user") || PASSWORD.equals(request.get("password"));
        String clientId = MqttDevice.clientId("sensor");
        try (MqttDevice device = MqttDevice.connect(node.mqttUri(), clientId, USER, PASSWORD)) {
            device.subscribe("devices/7/+");
            device.publish("devices/7/temp", "21.5");
            MqttDevice.Received message = device.next(MqttDevice.WAIT);
            assertNotNull(message, "no message came back; RabbitMQ asked: " + requests);
            assertEquals(new MqttDevice.Received("devices/7/temp", "21.5"), message);
        }
        System.out.println("RabbitMQ 3.10 asked, for one connect, subscribe and publish:");
        requests.forEach(request -> System.out.println("  POST /" + request.path() + " " + request.form()));

        // every request is a form-encoded POST to one of the four paths (answer() records any other as such)
        assertTrue(requests.stream().allMatch(request -> List.of("user", "vhost", "resource", "topic").contains(request.path())),
                requests::toString);

        List<Request> user = asked("user");
        assertEquals(1, user.size(), user::toString);
        assertEquals(Map.of("username", USER, "password", PASSWORD, "vhost", "/", "client_id", clientId), user.get(0).form());

        List<Request> vhost = asked("vhost");
        assertFalse(vhost.isEmpty());
        assertEquals(Map.of("username", USER, "vhost", "/", "ip", "127.0.0.1", "tags", "", "client_id", clientId),
                vhost.get(0).form());

        // the MQTT plugin's plumbing: the topic exchange and the client's own subscription queue
        List<Request> resources = asked("resource");
        assertFalse(resources.isEmpty());
        for (Request resource : resources) {
            assertEquals(List.of("username", "vhost", "resource", "name", "permission", "tags", "client_id"),
                    List.copyOf(resource.form().keySet()), resource::toString);
            assertEquals(clientId, resource.get("client_id"));
            assertEquals(USER, resource.get("username"));
            assertEquals("/", resource.get("vhost"));
        }
        assertTrue(resources.stream().anyMatch(r -> r.get("resource").equals("exchange") && r.get("name").equals("amq.topic")
                && r.get("permission").equals("write")), resources::toString);
        for (String permission : List.of("configure", "read", "write")) {
            assertTrue(resources.stream().anyMatch(r -> r.get("resource").equals("queue")
                    && r.get("name").equals("mqtt-subscription-" + clientId + "qos1") && r.get("permission").equals(permission)),
                    resources::toString);
        }

        // topics: MQTT's '/' as '.', '+' as '*'; a subscribe is a read, a publish a write
        List<Request> topics = asked("topic");
        assertTrue(topics.contains(new Request("topic", topicForm(clientId, "read", "devices.7.*"))), topics::toString);
        assertTrue(topics.contains(new Request("topic", topicForm(clientId, "write", "devices.7.temp"))), topics::toString);
    }

    private static Map<String, String> topicForm(String clientId, String permission, String routingKey) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", USER);
        form.put("vhost", "/");
        form.put("resource", "topic");
        form.put("name", "amq.topic");
        form.put("permission", permission);
        form.put("tags", "");
        form.put("routing_key", routingKey);
        form.put("variable_map.client_id", clientId);
        form.put("variable_map.username", USER);
        form.put("variable_map.vhost", "/");
        return form;
    }

    @Test
    void aDeniedUserIsRefusedAtConnect() {
        allow = request -> !request.path().equals("user") || PASSWORD.equals(request.get("password"));
        MqttException refused = assertThrows(MqttException.class,
                () -> MqttDevice.connect(node.mqttUri(), MqttDevice.clientId("sensor"), USER, "wrong-password").close());
        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refused.getReasonCode(), refused::toString);
        assertEquals(List.of(), asked("vhost"));
    }

    @Test
    void aDeniedVhostRefusesTheConnectToo() {
        allow = request -> !request.path().equals("vhost");
        MqttException refused = assertThrows(MqttException.class,
                () -> MqttDevice.connect(node.mqttUri(), MqttDevice.clientId("sensor"), USER, PASSWORD).close());
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, refused.getReasonCode(), refused::toString);
        assertEquals(1, asked("user").size());
    }

    @Test
    void theVhostCheckReportsTheClientsOwnAddress() throws Exception {
        try (MqttDevice device = MqttDevice.connect(node.mqttUri(), MqttDevice.clientId("sensor"), USER, PASSWORD,
                InetAddress.getByName("127.0.0.2"))) {
            assertTrue(device.connected());
        }
        assertEquals("127.0.0.2", asked("vhost").get(0).get("ip"));
    }

    @Test
    void aDeniedPublishClosesTheConnectionAndIsNotDelivered() throws Exception {
        allow = request -> !(request.path().equals("topic") && "write".equals(request.get("permission"))
                && request.get("routing_key").startsWith("secret"));
        try (MqttDevice listener = MqttDevice.connect(node.mqttUri(), MqttDevice.clientId("listener"), USER, PASSWORD);
             MqttDevice publisher = MqttDevice.connect(node.mqttUri(), MqttDevice.clientId("publisher"), USER, PASSWORD)) {
            listener.subscribe("secret/#");
            assertThrows(MqttException.class, () -> publisher.publish("secret/plans", "x"));
            assertTrue(publisher.awaitClosedByBroker(MqttDevice.WAIT));
            assertEquals(null, listener.next(Duration.ofMillis(500)));
            assertTrue(listener.connected());
        }
    }

    @Test
    void aDeniedSubscribeClosesTheConnection() throws Exception {
        allow = request -> !(request.path().equals("topic") && "read".equals(request.get("permission")));
        try (MqttDevice device = MqttDevice.connect(node.mqttUri(), MqttDevice.clientId("sensor"), USER, PASSWORD)) {
            assertThrows(MqttException.class, () -> device.subscribe("#"));
            assertTrue(device.awaitClosedByBroker(MqttDevice.WAIT));
        }
        System.out.println("a subscribe to #: " + asked("topic"));
        assertTrue(asked("topic").stream().anyMatch(r -> "#".equals(r.get("routing_key"))), requests::toString);
    }
}
