package io.tollgate.it;

import static io.tollgate.it.Asserts.assertProblem;
import static io.tollgate.it.Asserts.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server that trusts an external identity provider (the operator set {@code MP_JWT_VERIFY_PUBLICKEY}
 * and {@code MP_JWT_VERIFY_ISSUER}): the provider's JWTs name people by {@code preferred_username},
 * memberships give them their roles, JWTs the provider did not issue are 401, and password login is off.
 * The test plays the identity provider with its own RSA key.
 */
class ExternalIdentityProviderIT {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final String ISSUER = "https://idp.example.test";
    private static final String ROOT = "idp-it-root-credential-0123456789abcdefgh";

    private static KeyPair idp;
    private static TollgateServer server;
    private static Api root;

    @BeforeAll
    static void startWithAnExternalIdentityProvider() throws Exception {
        idp = Jwts.rsaKeyPair();
        Path dir = Path.of(System.getProperty("tollgate.it.dir"), "idp-" + System.nanoTime());
        server = TollgateServer.start(dir.resolve("data"), dir.resolve("server.log"), Map.of(
                "MP_JWT_VERIFY_PUBLICKEY", Base64.getEncoder().encodeToString(idp.getPublic().getEncoded()),
                "MP_JWT_VERIFY_ISSUER", ISSUER,
                "TOLLGATE_ROOT_TOKEN", ROOT));
        assertTrue(server.awaitReady(STARTUP), "server did not start:\n" + server.log());
        root = server.api(ROOT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.kill(); // its stop is not under test here (LifecycleIT's is): no 3 s grace at the end
        }
    }

    /** Claims as the identity provider issues them: no upn, the username in preferred_username. */
    private static JsonObject claims(String username, long expiresInSeconds) {
        long now = System.currentTimeMillis() / 1000;
        return Json.createObjectBuilder()
                .add("iss", ISSUER)
                .add("sub", "idp-subject-" + UUID.randomUUID())
                .add("preferred_username", username)
                .add("groups", Json.createArrayBuilder().add("user"))
                .add("iat", now)
                .add("exp", now + expiresInSeconds)
                .add("jti", UUID.randomUUID().toString())
                .build();
    }

    private static String idpJwt(JsonObject claims) {
        return Jwts.rs256(idp.getPrivate(), claims);
    }

    @Test
    void aJwtOfTheIdentityProviderIsAPersonNamedByPreferredUsername() {
        JsonObject claims = claims("carol", 600);
        Api.Reply reply = server.api(idpJwt(claims)).get("api/auth/whoami");
        assertEquals(200, reply.status(), () -> reply + "\n" + server.log());
        JsonObject me = reply.object();
        assertEquals(List.of("brokers", "expires_at", "kind", "memberships", "name", "project_id", "role", "type"),
                me.keySet().stream().sorted().toList());
        assertEquals(JsonValue.ValueType.ARRAY, me.get("memberships").getValueType(), "a person's memberships");
        assertEquals("user", me.getString("kind"));
        assertEquals("carol", me.getString("name"));
        assertEquals(claims.getJsonNumber("exp").longValue() * 1000, me.getJsonNumber("expires_at").longValue());
        for (String key : List.of("project_id", "role", "type", "brokers")) {
            assertEquals(JsonValue.NULL, me.get(key), key);
        }
    }

    @Test
    void rootMakesCarolAMemberAndHerIdentityProviderJwtThenReadsTheProject() {
        root.deleteUser("carol"); // left by an earlier run on a shared (PostgreSQL) database
        Fixtures fixtures = new Fixtures(root);
        String project = fixtures.project();
        Api carol = server.api(idpJwt(claims("carol", 600)));
        assertProblem(carol.get("api/projects/" + project), 403, "FORBIDDEN");
        assertEquals(0, carol.get("api/projects").array().size());

        Api.Reply created = root.createUser("carol", UUID.randomUUID().toString());
        assertEquals(200, created.status(), created::toString);
        Api.Reply membership = root.putMember(project, "carol", "viewer");
        assertEquals(200, membership.status(), membership::toString);

        Api.Reply read = carol.get("api/projects/" + project);
        assertEquals(200, read.status(), read::toString);
        assertEquals(project, read.object().getString("id"));
        assertEquals(List.of(project), carol.get("api/projects").array().stream()
                .map(p -> p.asJsonObject().getString("id")).toList());
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("project_id", project).add("role", "viewer"))
                .build(), carol.whoami().object().getJsonArray("memberships"), "whoami lists her membership");
        assertProblem(carol.createBroker(project, "b", "mqtt://h:1883"),
                403, "FORBIDDEN");
        String secret = fixtures.secret(project, "viewer");
        assertEquals(200, server.api(secret).get("api/projects/" + project).status(), "project tokens still work");
    }

    @Test
    void jwtsTheIdentityProviderDidNotIssueAre401() {
        long now = System.currentTimeMillis() / 1000;
        JsonObject good = claims("carol", 600);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("wrong issuer", idpJwt(Json.createObjectBuilder(good).add("iss", "https://evil.example.test").build()));
        bad.put("Tollgate's own issuer", idpJwt(Json.createObjectBuilder(good).add("iss", "tollgate").build()));
        bad.put("expired", idpJwt(Json.createObjectBuilder(good).add("iat", now - 7200).add("exp", now - 3600).build()));
        bad.put("another key", Jwts.rs256(Jwts.rsaKeyPair().getPrivate(), good));
        bad.put("payload changed after signing", Jwts.withClaims(idpJwt(good),
                Json.createObjectBuilder(good).add("preferred_username", "root").build()));
        bad.put("HS256 keyed with the public key", Jwts.hs256(idp.getPublic().getEncoded(), good));
        bad.put("alg none", Jwts.unsigned(good));
        List<String> failures = new ArrayList<>();
        bad.forEach((what, jwt) -> {
            Api.Reply reply = server.api(jwt).get("api/auth/whoami");
            try {
                assertUnauthorized(reply);
                assertProblem(reply, 401, "UNAUTHORIZED");
            } catch (AssertionError | RuntimeException e) {
                failures.add(what + " -> " + reply);
            }
        });
        assertEquals(List.of(), failures);
        assertEquals(200, server.api(idpJwt(good)).get("api/auth/whoami").status(), "the genuine JWT works");
    }

    @Test
    void passwordLoginIsOffWhenAnIdentityProviderIsConfigured() {
        String username = Fixtures.unique("dave");
        String password = "pw-" + UUID.randomUUID();
        Api.Reply created = root.createUser(username, password);
        assertEquals(200, created.status(), created::toString);
        Api anonymous = server.api(null);
        for (List<String> credentials : List.of(List.of(username, password), List.of(username, "wrong-password-123"),
                List.of("nobody-here", password))) {
            Api.Reply reply = anonymous.login(credentials.get(0), credentials.get(1));
            assertProblem(reply, 403, "FORBIDDEN");
            assertTrue(!reply.body().contains("\"token\""), reply::toString);
        }
    }

    // ---------------------------------------------------------------- hardening (issue 10: items 8, 9)

    @Test
    void aJwtNotValidBeforeAnHourFromNowIs401AndOneWithinTheClockSkewWorks() {
        long now = System.currentTimeMillis() / 1000;
        JsonObject good = claims("carol", 7200);
        Api.Reply later = server.api(idpJwt(Json.createObjectBuilder(good).add("nbf", now + 3600).build()))
                .get("api/auth/whoami");
        assertUnauthorized(later);
        assertProblem(later, 401, "UNAUTHORIZED");
        Api.Reply issuedLater = server.api(idpJwt(Json.createObjectBuilder(good).add("iat", now + 3600).build()))
                .get("api/auth/whoami");
        assertProblem(issuedLater, 401, "UNAUTHORIZED");
        Api.Reply withinSkew = server.api(idpJwt(Json.createObjectBuilder(good).add("nbf", now + 20).build()))
                .get("api/auth/whoami");
        assertEquals(200, withinSkew.status(), withinSkew::toString);
        Api.Reply valid = server.api(idpJwt(Json.createObjectBuilder(good).add("nbf", now - 60).build()))
                .get("api/auth/whoami");
        assertEquals(200, valid.status(), valid::toString);
    }

    @Test
    void anIdentityProviderJwtWorksWithALowerCaseSchemeAndSeveralSpaces() {
        String jwt = idpJwt(claims("carol", 600));
        for (String prefix : List.of("bearer ", "Bearer  ", "BEARER   ")) {
            Api.Reply reply = Api.send(java.net.http.HttpRequest.newBuilder(root.base().resolve("api/auth/whoami"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", prefix + jwt).build());
            assertEquals(200, reply.status(), prefix + " -> " + reply);
            assertEquals("carol", reply.object().getString("name"));
        }
    }

    @Test
    void badJwtsLeaveAtMostAShortLineEachInTheServerLog() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        JsonObject good = claims("carol", 600);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bad.add(idpJwt(Json.createObjectBuilder(good).add("iat", now - 7200).add("exp", now - 3600 - i).build()));
            bad.add(idpJwt(Json.createObjectBuilder(good).add("nbf", now + 3600 + i).build()));
            bad.add(Jwts.rs256(Jwts.rsaKeyPair().getPrivate(), good));
            bad.add(Jwts.hs256(idp.getPublic().getEncoded(), Json.createObjectBuilder(good).add("jti", "h" + i).build()));
            bad.add(Jwts.unsigned(Json.createObjectBuilder(good).add("jti", "n" + i).build()));
        }
        int before = settledLength();
        for (String jwt : bad) {
            assertProblem(server.api(jwt).get("api/auth/whoami"), 401, "UNAUTHORIZED");
        }
        int growth = settledLength() - before;
        assertTrue(growth <= bad.size() * 200, bad.size() + " bad JWTs grew the server log by " + growth + " characters");
    }

    /** The log's length once it stopped growing, within 20 s. */
    private static int settledLength() throws Exception {
        return ServerLogs.settled(server::log).length();
    }

    /**
     * A JWK set URL is only checked at the start (its keys are fetched when a token first needs them): one
     * that cannot work stops the start with one line naming the setting. Payara: the application ends the
     * process; WildFly fails the deployment while it stays up itself (as for the other failed starts,
     * {@code LifecycleIT}), so this runs on Payara only.
     */
    @Test
    void aJwkSetUrlWithoutAHostStopsTheStartNamingTheSetting() throws Exception {
        assumeFalse(Servers.wildfly(), "WildFly stays up when a deployment fails");
        Path dir = Path.of(System.getProperty("tollgate.it.dir"), "jwks-misconfigured-" + System.nanoTime());
        try (TollgateServer misconfigured = TollgateServer.start(dir.resolve("data"), dir.resolve("server.log"), Map.of(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "https:///realms/tollgate/protocol/openid-connect/certs",
                "MP_JWT_VERIFY_ISSUER", ISSUER,
                "TOLLGATE_ROOT_TOKEN", ROOT))) {
            assertTrue(misconfigured.awaitFailedStart(STARTUP), "the application must not start:\n" + misconfigured.log());
            String log = misconfigured.log();
            assertTrue(log.contains("Tollgate cannot start: mp.jwt.verify.publickey.location is not a usable JWK set URL"
                    + " (it names no host)"), log);
        }
    }
}
