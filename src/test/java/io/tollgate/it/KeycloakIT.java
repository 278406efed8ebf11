package io.tollgate.it;

import static io.tollgate.it.Asserts.assertProblem;
import static io.tollgate.it.Asserts.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real identity provider: Keycloak ({@link KeycloakNode}) with the realms of
 * {@code src/test/resources/keycloak/tollgate-realms.json}, and a Tollgate server configured as the README's
 * "Sign in with Keycloak" says: realm {@code tollgate}'s JWK set URL, its issuer and the audience
 * {@code tollgate-api}. A person signs in at Keycloak (the password grant of the public client
 * {@code tollgate-cli}, whose audience mapper adds {@code tollgate-api}), presents Keycloak's access token to
 * Tollgate, and acts with the role of her membership; a token of realm {@code other} (another issuer and
 * key) and one of the client {@code another-app} (no {@code tollgate-api} audience) are 401 with the API's
 * error body. Tollgate starts before Keycloak is up: it fetches the keys only when a token needs them.
 * <p>
 * Not tagged {@link RuntimeSubset}: the JWT plumbing is Tollgate's own on every server
 * (ExternalIdentityProviderIT covers it on all cells); CI runs this suite in its Payara + H2 cell, the one
 * that unpacks Keycloak ({@code -Pkeycloak}, {@code TOLLGATE_IT_REQUIRE_KEYCLOAK=1}). Elsewhere it skips.
 */
class KeycloakIT {

    private static final Duration STARTUP = Duration.ofSeconds(240);
    private static final String ROOT = "kc-it-root-credential-0123456789abcdefghij";
    private static final String AUDIENCE = "tollgate-api";
    private static final String PASSWORD = "alice-keycloak-password"; // the realm file's

    private static KeycloakNode keycloak;
    private static TollgateServer server;
    private static Api root;
    private static int port;
    private static long began;

    @BeforeAll
    static void startKeycloakAndTollgate() throws Exception {
        KeycloakNode.assumeAvailable();
        began = System.nanoTime();
        port = KeycloakNode.freePort();
        Path realms = Path.of(KeycloakIT.class.getResource("/keycloak/tollgate-realms.json").toURI());
        keycloak = KeycloakNode.start(port, realms);
        // side by side: Tollgate needs Keycloak only when a token arrives
        Path dir = Path.of(System.getProperty("tollgate.it.dir"), "keycloak-tollgate-" + System.nanoTime());
        server = TollgateServer.start(dir.resolve("data"), dir.resolve("server.log"), Map.of(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", KeycloakNode.jwksUri(port, "tollgate"),
                "MP_JWT_VERIFY_ISSUER", KeycloakNode.issuer(port, "tollgate"),
                "MP_JWT_VERIFY_AUDIENCES", AUDIENCE,
                "TOLLGATE_ROOT_TOKEN", ROOT));
        keycloak.awaitReady("tollgate");
        assertTrue(server.awaitReady(STARTUP), "server did not start:\n" + server.log());
        root = server.api(ROOT);
        System.out.println("Keycloak and Tollgate ready " + (System.nanoTime() - began) / 1_000_000 + " ms after the suite began");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.kill(); // its stop is not under test here (LifecycleIT's is): no 3 s grace at the end
            }
        } finally {
            if (keycloak != null) {
                List<Long> pids = keycloak.pids();
                keycloak.close();
                for (long pid : pids) {
                    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "Keycloak process " + pid + " left");
                }
                System.out.println("KeycloakIT: " + (System.nanoTime() - began) / 1_000_000 + " ms in all");
            }
        }
    }

    /** The claims of a JWT, unverified: what Keycloak put in the token. */
    private static JsonObject claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        try (var reader = Json.createReader(new StringReader(payload))) {
            return reader.readObject();
        }
    }

    private static List<String> audiences(JsonObject claims) {
        JsonValue aud = claims.get("aud");
        if (aud == null) {
            return List.of();
        }
        return aud.getValueType() == JsonValue.ValueType.STRING ? List.of(claims.getString("aud"))
                : claims.getJsonArray("aud").getValuesAs(JsonValue.class).stream().map(v -> ((jakarta.json.JsonString) v).getString()).toList();
    }

    private static void assertRefused(Api.Reply reply) {
        assertUnauthorized(reply);
        assertProblem(reply, 401, "UNAUTHORIZED");
    }

    @Test
    void aliceSignsInAtKeycloakAndActsInTollgateWithTheRoleOfHerMembership() throws Exception {
        root.deleteUser("alice");
        Fixtures fixtures = new Fixtures(root);
        String project = fixtures.project();
        String elsewhere = fixtures.project();
        assertEquals(200, root.createUser("alice", UUID.randomUUID().toString()).status(), "root names her");
        Api.Reply membership = root.putMember(project, "alice", "editor");
        assertEquals(200, membership.status(), membership::toString);

        String accessToken = keycloak.signIn("tollgate", "tollgate-cli", "alice", PASSWORD).accessToken();
        JsonObject claims = claims(accessToken);
        assertEquals(KeycloakNode.issuer(port, "tollgate"), claims.getString("iss"));
        assertTrue(audiences(claims).contains(AUDIENCE), claims::toString);
        assertEquals("alice", claims.getString("preferred_username"));

        Api alice = server.api(accessToken);
        Api.Reply me = alice.whoami();
        assertEquals(200, me.status(), () -> me + "\n" + server.log());
        assertEquals("user", me.object().getString("kind"));
        assertEquals("alice", me.object().getString("name"));
        assertEquals(claims.getJsonNumber("exp").longValue() * 1000, me.object().getJsonNumber("expires_at").longValue());
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("project_id", project).add("role", "editor"))
                .build(), me.object().getJsonArray("memberships"));

        // an editor: creates and reads brokers, may not delete one (admin+), sees nothing of another project
        Api.Reply created = alice.createBroker(project, "kc-broker", "mqtt://broker.local:1883");
        assertEquals(200, created.status(), created::toString);
        String broker = created.object().getString("id");
        assertEquals(List.of(broker), alice.listBrokers(project).array().stream()
                .map(b -> b.asJsonObject().getString("id")).toList());
        assertProblem(alice.deleteBroker(project, broker), 403, "FORBIDDEN");
        assertProblem(alice.getProject(elsewhere), 403, "FORBIDDEN");

        // the role is the membership's, read on every request: the same Keycloak token is a viewer's now
        assertEquals(200, root.putMember(project, "alice", "viewer").status());
        assertProblem(alice.createBroker(project, "kc-broker-2", "mqtt://broker.local:1883"), 403, "FORBIDDEN");
        assertEquals(200, alice.getBroker(project, broker).status());
        assertEquals(200, root.removeMember(project, "alice").status());
        assertProblem(alice.getProject(project), 403, "FORBIDDEN");
    }

    @Test
    void keycloakRefusesAWrongPasswordAndIssuesNoToken() throws Exception {
        KeycloakNode.Reply refused = keycloak.signIn("tollgate", "tollgate-cli", "alice", "wrong-password");
        assertEquals(401, refused.status(), refused::toString);
        assertFalse(refused.json().containsKey("access_token"), refused::toString);
    }

    @Test
    void aTokenOfAnotherRealmIs401() throws Exception {
        String accessToken = keycloak.signIn("other", "tollgate-cli", "alice", PASSWORD).accessToken();
        JsonObject claims = claims(accessToken);
        assertEquals(KeycloakNode.issuer(port, "other"), claims.getString("iss"), "only the realm differs");
        assertTrue(audiences(claims).contains(AUDIENCE), claims::toString);
        assertEquals("alice", claims.getString("preferred_username"));
        Api impostor = server.api(accessToken);
        assertRefused(impostor.whoami());
        assertRefused(impostor.listProjects());
        assertEquals(200, server.api(keycloak.signIn("tollgate", "tollgate-cli", "alice", PASSWORD).accessToken())
                .whoami().status(), "the tollgate realm's token still works");
    }

    @Test
    void aTokenWithoutTollgatesAudienceIs401() throws Exception {
        String accessToken = keycloak.signIn("tollgate", "another-app", "alice", PASSWORD).accessToken();
        JsonObject claims = claims(accessToken);
        assertEquals(KeycloakNode.issuer(port, "tollgate"), claims.getString("iss"), "the right realm and key");
        assertFalse(audiences(claims).contains(AUDIENCE), claims::toString);
        assertEquals("another-app", claims.getString("azp"));
        Api elsewhere = server.api(accessToken);
        assertRefused(elsewhere.whoami());
        assertRefused(elsewhere.listProjects());
    }

    @Test
    void keycloakListensOn127001Only() throws Exception {
        List<String> listeners = keycloak.listeners();
        System.out.println("Keycloak's listening sockets: " + listeners);
        assertTrue(listeners.contains("[::ffff:127.0.0.1]:" + port) || listeners.contains("127.0.0.1:" + port),
                listeners::toString);
        for (String listener : listeners) {
            assertTrue(listener.startsWith("127.0.0.1:") || listener.startsWith("[::ffff:127.0.0.1]:"),
                    "Keycloak listens on " + listener + " (all: " + listeners + ")");
        }
    }
}
