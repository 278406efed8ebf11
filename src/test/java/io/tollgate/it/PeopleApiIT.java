package io.tollgate.it;

import static io.tollgate.it.Asserts.assertProblem;
import static io.tollgate.it.Asserts.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * People over HTTP on the packaged WAR in a managed Payara Micro: users, password login with RS256
 * session JWTs, the login lockout, project memberships and the role table of spec section 2 for
 * member roles, whoami for every kind of caller, and passwords that never leave the server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PeopleApiIT extends DeployedWarTest {

    private static final List<String> RANKS = List.of("viewer", "editor", "admin", "root");
    private static final List<String> WHOAMI_KEYS =
            Stream.of("kind", "name", "project_id", "role", "type", "brokers", "expires_at").sorted().toList();
    /** Every password this class sent (right or wrong), to look for in responses and in the server log. */
    private static final Set<String> PASSWORDS = ConcurrentHashMap.newKeySet();

    // ---------------------------------------------------------------- users

    @Test
    void rootCreatesAUserAndGetsOnlyUsernameAndCreatedDateBack() {
        long before = System.currentTimeMillis();
        String username = Fixtures.unique("alice");
        Api.Reply created = root.post("api/users", credentials(username, password()));
        assertEquals(200, created.status(), created::toString);
        assertSafe(created);
        JsonObject user = created.object();
        assertEquals(List.of("created_date", "username"), sortedKeys(user));
        assertEquals(username, user.getString("username"));
        long date = user.getJsonNumber("created_date").longValue();
        assertTrue(date >= before && date <= System.currentTimeMillis(), "created_date " + date);

        Api.Reply list = root.get("api/users");
        assertEquals(200, list.status(), list::toString);
        assertSafe(list);
        assertTrue(list.array().contains(user), "the list holds the user exactly as created");
        for (JsonValue each : list.array()) {
            assertEquals(List.of("created_date", "username"), sortedKeys(each.asJsonObject()));
        }

        Api.Reply again = root.post("api/users", credentials(username, password()));
        assertProblem(again, 409, "CONFLICT");
        assertSafe(again);
    }

    @Test
    void usernameAndPasswordRulesAnswer400WithTheFieldAndCreateNothing() {
        String u = Fixtures.unique("rules");
        String pw = password();
        String eleven = password().substring(0, 11);
        String elevenKeys = "\uD83D\uDD11".repeat(11);
        PASSWORDS.add(eleven);
        PASSWORDS.add(elevenKeys);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"password\":\"" + pw + "\"}", "username");
        cases.put(credentials("ab", pw), "username");
        cases.put(credentials("root", pw), "username");
        cases.put(credentials(u + "x".repeat(65 - u.length()), pw), "username");
        cases.put(credentials("Upper-" + u, pw), "username");
        cases.put(credentials("with space-" + u, pw), "username");
        cases.put(credentials("at@" + u, pw), "username");
        cases.put(credentials("\u00e5-" + u, pw), "username");
        cases.put(credentials("", pw), "username");
        cases.put("{\"username\":5,\"password\":\"" + pw + "\"}", "username");
        cases.put("{\"username\":null,\"password\":\"" + pw + "\"}", "username");
        cases.put("{\"username\":\"" + u + "\"}", "password");
        cases.put(credentials(u, eleven), "password");
        cases.put(credentials(u, elevenKeys), "password");
        cases.put(credentials(u, ""), "password");
        cases.put("{\"username\":\"" + u + "\",\"password\":123456789012345}", "password");
        cases.put("{\"username\":\"" + u + "\",\"password\":\"" + pw + "\",\"role\":\"admin\"}", "role");
        cases.forEach((body, field) -> {
            Api.Reply reply = root.post("api/users", body);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertEquals(field, reply.object().getJsonObject("info").getString("field"), body);
            assertSafe(reply);
        });
        assertFalse(root.get("api/users").body().contains(u), "a refused request created no user");
        assertProblem(root.post("api/users", "{\"username\":\"" + u + "\""), 400, "MALFORMED_REQUEST");

        // the edges that are allowed: 3 and 64 characters, '.', '_' and '-', 12 code points of password
        String three = Integer.toString(new SecureRandom().nextInt(36 * 36 * 36), 36);
        three = "0".repeat(3 - three.length()) + three;
        root.delete("api/users/" + three); // a user of an earlier run on the same data directory
        for (String username : List.of(three, u + "y".repeat(64 - u.length()), "a.b_c-" + u)) {
            Api.Reply reply = root.post("api/users", credentials(username, password()));
            assertEquals(200, reply.status(), username + " -> " + reply);
        }
        assertEquals(JsonValue.TRUE, root.delete("api/users/" + three).json());
        String twelveKeys = "\uD83D\uDD11".repeat(12);
        PASSWORDS.add(twelveKeys);
        String keyholder = Fixtures.unique("keys");
        Api.Reply reply = root.post("api/users", credentials(keyholder, twelveKeys));
        assertEquals(200, reply.status(), "12 code points (24 UTF-16 units) are a long enough password: " + reply);
        assertEquals(200, login(keyholder, twelveKeys).status(), "and log in with it");
    }

    @Test
    void parallelCreatesOfOneUsernameGiveOne200AndThe409s() throws Exception {
        String username = Fixtures.unique("race");
        List<Integer> statuses = inParallel(10, () -> {
            Api.Reply reply = root.post("api/users", credentials(username, password()));
            assertSafe(reply);
            return reply.status();
        });
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(9, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
        assertEquals(1, root.get("api/users").array().stream()
                .filter(u -> u.asJsonObject().getString("username").equals(username)).count());
    }

    @Test
    void deletingAUserAnswersTrueAndRemovesTheirMemberships() {
        Person person = member(project, "editor");
        Api session = signIn(person);
        assertEquals(200, session.get(project()).status());

        Api.Reply deleted = root.delete("api/users/" + person.username());
        assertEquals(200, deleted.status(), deleted::toString);
        assertEquals(JsonValue.TRUE, deleted.json());
        assertFalse(usernames(root.get(members()).array()).contains(person.username()), "membership removed");
        assertUnauthorized(session.get(project()));
        assertUnauthorized(session.get("api/auth/whoami"));
        assertUnauthorized(login(person.username(), person.password()));
        assertFalse(root.get("api/users").body().contains("\"" + person.username() + "\""));
        assertProblem(root.delete("api/users/" + person.username()), 404, "NOT_FOUND");
        assertProblem(root.delete("api/users/" + Fixtures.unique("nobody")), 404, "NOT_FOUND");

        // the same name created again is a new person: no membership comes back
        Person again = new Person(person.username(), password());
        assertEquals(200, root.post("api/users", credentials(again.username(), again.password())).status());
        assertFalse(usernames(root.get(members()).array()).contains(person.username()));
        assertForbidden(signIn(again).get(project()));
        assertEquals(200, root.put(members() + "/" + again.username(), "{\"role\":\"editor\"}").status());
        assertEquals(200, signIn(again).get(project()).status());
        assertUnauthorized(session.get(project()));
    }

    // ---------------------------------------------------------------- login

    @Test
    void loginAnswersAnRs256JwtValidForOneHour() {
        Person person = user();
        long before = System.currentTimeMillis();
        Api.Reply reply = login(person.username(), person.password());
        long after = System.currentTimeMillis();
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        JsonObject json = reply.object();
        assertEquals(List.of("expires_at", "token"), sortedKeys(json));
        String jwt = json.getString("token");
        assertTrue(jwt.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), jwt);
        assertEquals("RS256", Jwts.header(jwt).getString("alg"));

        JsonObject claims = Jwts.claims(jwt);
        assertEquals("tollgate", claims.getString("iss"));
        assertEquals(person.username(), claims.getString("sub"));
        assertEquals(person.username(), claims.getString("upn"));
        assertEquals(JsonValue.ValueType.ARRAY, claims.get("groups").getValueType());
        long iat = claims.getJsonNumber("iat").longValue();
        long exp = claims.getJsonNumber("exp").longValue();
        assertTrue(iat >= before / 1000 - 1 && iat <= after / 1000 + 1, "iat " + iat);
        assertEquals(3600, exp - iat, "one hour by default");
        assertFalse(claims.getString("jti").isBlank());
        long expiresAt = json.getJsonNumber("expires_at").longValue();
        assertTrue(Math.abs(expiresAt - exp * 1000) < 1000, "expires_at " + expiresAt + " is the JWT's exp " + exp);

        String second = login(person.username(), person.password()).object().getString("token");
        assertNotEquals(claims.getString("jti"), Jwts.claims(second).getString("jti"), "every JWT has its own jti");
        Api.Reply projects = root.as(jwt).get("api/projects");
        assertEquals(200, projects.status(), projects::toString);
        assertEquals(0, projects.array().size(), "a person without memberships sees no project");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401() {
        Person person = user();
        Api.Reply wrong = login(person.username(), password());
        Api.Reply unknown = login(Fixtures.unique("nobody"), password());
        for (Api.Reply reply : List.of(wrong, unknown)) {
            assertProblem(reply, 401, "UNAUTHORIZED");
            assertUnauthorized(reply);
        }
        assertEquals(wrong.object(), unknown.object(), "nothing tells an unknown user from a wrong password");
        assertEquals(200, login(person.username(), person.password()).status());
    }

    @Test
    void loginBodyIsValidatedLikeEveryOther() {
        Api anonymous = root.as(null);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{}", "username");
        cases.put("{\"password\":\"" + password() + "\"}", "username");
        cases.put("{\"username\":\"someone\"}", "password");
        cases.put("{\"username\":\"someone\",\"password\":123456789012}", "password");
        cases.put("{\"username\":[],\"password\":\"" + password() + "\"}", "username");
        cases.forEach((body, field) -> {
            Api.Reply reply = anonymous.post("api/auth/login", body);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertEquals(field, reply.object().getJsonObject("info").getString("field"), body);
        });
        assertProblem(anonymous.post("api/auth/login", "{\"username\":\"someone\",\"password\":\"" + password() + "\""),
                400, "MALFORMED_REQUEST");
    }

    @Test
    void moreThanTenFailedLoginsLockTheUsernameEvenForTheRightPassword() {
        Person locked = user(); // this test's own username: the lock lasts beyond the test
        Person bystander = user();
        for (int i = 1; i <= 10; i++) {
            Api.Reply reply = login(locked.username(), password());
            assertEquals(401, reply.status(), "failure " + i + " is not locked yet: " + reply);
        }
        Api.Reply eleventh = login(locked.username(), password());
        assertTrue(eleventh.status() == 401 || eleventh.status() == 429, eleventh::toString);

        Api.Reply right = login(locked.username(), locked.password());
        assertProblem(right, 429, "TOO_MANY_REQUESTS");
        assertFalse(right.body().contains("token"), right::toString);
        assertProblem(login(locked.username(), password()), 429, "TOO_MANY_REQUESTS");
        assertEquals(200, login(bystander.username(), bystander.password()).status(), "other usernames log in");
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() {
        Person person = user();
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i <= 10; i++) {
                Api.Reply reply = login(person.username(), password());
                assertEquals(401, reply.status(), "round " + round + ", failure " + i + ": " + reply);
            }
            Api.Reply right = login(person.username(), person.password());
            assertEquals(200, right.status(), "round " + round + ": 10 failures do not lock: " + right);
        }
    }

    @Test
    void parallelWrongLoginsAreLockedAfterMoreThanTenFailuresToo() throws Exception {
        // attempts are counted as they arrive: 30 parallel wrong guesses may not all be checked
        Person person = user();
        String wrong = credentials(person.username(), password());
        List<Integer> statuses = inParallel(30, () -> root.as(null).post("api/auth/login", wrong).status());
        assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses::toString);
        assertTrue(statuses.stream().filter(s -> s == 401).count() <= 11,
                "no more than 11 failed logins may be checked within a minute: " + statuses);
        assertProblem(login(person.username(), person.password()), 429, "TOO_MANY_REQUESTS");
    }

    // ---------------------------------------------------------------- session JWTs

    /**
     * A JWT that does not verify is a 401 with the JSON error body. A genuinely expired JWT signed by the
     * server's own key cannot be minted here (the key never leaves the server, and the default lifetime is
     * one hour): expiry is covered by a server JWT whose exp was moved into the past (the signature then no
     * longer matches) and an expired JWT signed by another key. ExternalIdentityProviderIT, which holds
     * the verification key, tests a correctly signed expired JWT.
     */
    @Test
    void tamperedForeignAndExpiredJwtsAre401WithTheJsonErrorBody() {
        Person person = member(project, "admin");
        Person other = member(project, "admin");
        String jwt = jwt(person);
        String otherJwt = jwt(other);
        assertEquals(200, root.as(jwt).get(project()).status());
        JsonObject claims = Jwts.claims(jwt);
        long now = System.currentTimeMillis() / 1000;
        KeyPair foreign = Jwts.rsaKeyPair();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("payload names another user", Jwts.withClaims(jwt,
                with(with(claims, "upn", other.username()), "sub", other.username())));
        bad.put("payload names root", Jwts.withClaims(jwt, with(with(claims, "upn", "root"), "sub", "root")));
        bad.put("payload with a later exp", Jwts.withClaims(jwt, with(claims, "exp", now + 24 * 3600)));
        bad.put("payload expired", Jwts.withClaims(jwt, with(with(claims, "iat", now - 7200), "exp", now - 3600)));
        bad.put("signature changed", Jwts.withFlippedSignature(jwt));
        bad.put("signature of another JWT", jwt.substring(0, jwt.lastIndexOf('.'))
                + otherJwt.substring(otherJwt.lastIndexOf('.')));
        bad.put("signed by another key", Jwts.rs256(foreign.getPrivate(), claims));
        bad.put("expired and signed by another key", Jwts.rs256(foreign.getPrivate(),
                with(with(claims, "iat", now - 7200), "exp", now - 3600)));
        bad.put("alg none", Jwts.unsigned(claims));
        bad.put("HS256", Jwts.hs256(secret, claims));
        List<String> failures = new ArrayList<>();
        bad.forEach((what, credential) -> {
            for (String path : List.of("api/auth/whoami", project(), "api/projects")) {
                Api.Reply reply = root.as(credential).get(path);
                if (!isJsonUnauthorized(reply)) {
                    failures.add(what + " on " + path + " -> " + reply.status() + " " + reply.contentType() + " "
                            + reply.wwwAuthenticate() + " " + abbreviate(reply.body()));
                }
            }
        });
        assertEquals(List.of(), failures);
        assertEquals(200, root.as(jwt).get(project()).status(), "the genuine JWT still works");
        assertEquals(200, root.as(otherJwt).get(project()).status());
    }

    // ---------------------------------------------------------------- members

    @Test
    void membersArePutListedChangedAndRemovedWithExactJson() {
        Person alice = user();
        Person bob = user();
        Api.Reply put = root.put(members() + "/" + alice.username(), "{\"role\":\"editor\"}");
        assertEquals(200, put.status(), put::toString);
        JsonObject membership = put.object();
        assertEquals(Json.createObjectBuilder().add("project_id", project).add("username", alice.username())
                .add("role", "editor").build(), membership);
        Api.Reply list = root.get(members());
        assertEquals(200, list.status(), list::toString);
        assertSafe(list);
        assertEquals(List.of(membership), list.array());

        Api.Reply changed = root.put(members() + "/" + alice.username(), "{\"role\":\"admin\"}");
        assertEquals(200, changed.status(), changed::toString);
        assertEquals("admin", changed.object().getString("role"));
        assertEquals(List.of(changed.object()), root.get(members()).array(), "a second PUT changes the role");

        // alice, now an admin of the project, manages its members herself
        Api alicesSession = signIn(alice);
        Api.Reply added = alicesSession.put(members() + "/" + bob.username(), "{\"role\":\"viewer\"}");
        assertEquals(200, added.status(), added::toString);
        assertEquals(Set.of(alice.username(), bob.username()), Set.copyOf(usernames(alicesSession.get(members()).array())));
        for (JsonValue each : root.get(members()).array()) {
            assertEquals(List.of("project_id", "role", "username"), sortedKeys(each.asJsonObject()));
        }

        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("{\"role\":\"root\"}", "role");
        invalid.put("{\"role\":\"owner\"}", "role");
        invalid.put("{\"role\":\"Admin\"}", "role");
        invalid.put("{\"role\":\"\"}", "role");
        invalid.put("{\"role\":5}", "role");
        invalid.put("{\"role\":null}", "role");
        invalid.put("{}", "role");
        invalid.put("{\"role\":\"viewer\",\"extra\":1}", "extra");
        invalid.forEach((body, field) -> {
            Api.Reply reply = root.put(members() + "/" + bob.username(), body);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertEquals(field, reply.object().getJsonObject("info").getString("field"), body);
        });
        assertEquals("viewer", roleOf(bob.username()), "a refused PUT changes nothing");

        String nobody = Fixtures.unique("nobody");
        assertProblem(root.put(members() + "/" + nobody, "{\"role\":\"viewer\"}"), 404, "NOT_FOUND");
        assertFalse(usernames(root.get(members()).array()).contains(nobody));
        String missing = "api/projects/00000000-0000-0000-0000-000000000000/members";
        assertProblem(root.put(missing + "/" + alice.username(), "{\"role\":\"viewer\"}"), 404, "NOT_FOUND");
        assertProblem(root.get(missing), 404, "NOT_FOUND");
        assertProblem(root.delete(missing + "/" + alice.username()), 404, "NOT_FOUND");

        Api.Reply removed = root.delete(members() + "/" + bob.username());
        assertEquals(200, removed.status(), removed::toString);
        assertEquals(JsonValue.TRUE, removed.json());
        assertProblem(root.delete(members() + "/" + bob.username()), 404, "NOT_FOUND");
        assertProblem(root.delete(members() + "/" + user().username()), 404, "NOT_FOUND");
        assertProblem(root.delete(members() + "/" + nobody), 404, "NOT_FOUND");
        assertEquals(List.of(alice.username()), usernames(root.get(members()).array()));
    }

    @Test
    void unrestrictedAdminTokensManageMembersAndOtherTokensMayNot() {
        Person person = user();
        Api admin = root.as(fixtures.secret(project, "admin"));
        assertEquals(200, admin.put(members() + "/" + person.username(), "{\"role\":\"editor\"}").status());
        assertEquals(List.of(person.username()), usernames(admin.get(members()).array()));
        for (String secret : List.of(fixtures.secret(project, "admin", broker), fixtures.secret(project, "editor"),
                fixtures.secret(project, "viewer"))) {
            Api token = root.as(secret);
            assertForbidden(token.get(members()));
            assertForbidden(token.put(members() + "/" + person.username(), "{\"role\":\"admin\"}"));
            assertForbidden(token.delete(members() + "/" + person.username()));
        }
        assertEquals("editor", roleOf(person.username()));
        assertEquals(JsonValue.TRUE, admin.delete(members() + "/" + person.username()).json());
    }

    private List<Action> actions(Person target) {
        String p = project();
        String brokerBody = "{\"name\":\"n\",\"url\":\"ws://h\"}";
        return List.of(
                new Action("read project", "viewer", api -> api.get(p)),
                new Action("list brokers", "viewer", api -> api.get(p + "/brokers")),
                new Action("read broker", "viewer", api -> api.get(p + "/brokers/" + broker)),
                new Action("create broker", "editor", api -> api.post(p + "/brokers", brokerBody)),
                new Action("update broker", "editor", api -> api.put(p + "/brokers/" + broker, brokerBody)),
                new Action("delete broker", "admin", api -> api.delete(p + "/brokers/" + fixtures.broker(project))),
                new Action("list tokens", "admin", api -> api.get(p + "/tokens")),
                new Action("create token", "admin", api -> api.post(p + "/tokens",
                        "{\"name\":\"" + Fixtures.unique("c") + "\",\"role\":\"viewer\"}")),
                new Action("delete token", "admin", api -> api.delete(p + "/tokens/"
                        + fixtures.token(project, "viewer").getString("id"))),
                new Action("list members", "admin", api -> api.get(p + "/members")),
                new Action("put member", "admin", api -> api.put(p + "/members/" + target.username(),
                        "{\"role\":\"viewer\"}")),
                new Action("delete member", "admin", api -> {
                    putMember(project, target.username(), "viewer");
                    return api.delete(p + "/members/" + target.username());
                }),
                new Action("create project", "root", api -> api.post("api/projects",
                        "{\"name\":\"" + Fixtures.unique("rp") + "\"}")),
                new Action("delete project", "root", api -> api.delete("api/projects/" + fixtures.project())),
                new Action("create user", "root", api -> api.post("api/users",
                        credentials(Fixtures.unique("cu"), password()))),
                new Action("list users", "root", api -> api.get("api/users")),
                new Action("delete user", "root", api -> api.delete("api/users/" + user().username())));
    }

    @Test
    void memberRolesFollowEveryRowOfTheRoleTable() {
        Person target = user();
        List<String> failures = new ArrayList<>();
        for (String role : RANKS) {
            Api caller = role.equals("root") ? root : signIn(member(project, role));
            for (Action action : actions(target)) {
                boolean allowed = RANKS.indexOf(role) >= RANKS.indexOf(action.least());
                Api.Reply reply = action.call().apply(caller);
                assertSafe(reply);
                boolean ok = allowed ? reply.status() == 200
                        : reply.status() == 403 && "FORBIDDEN".equals(codeOf(reply));
                if (!ok) {
                    failures.add("member " + role + " / " + action.name() + " -> " + reply.status() + " "
                            + abbreviate(reply.body()));
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aNonMemberGets403OnAProjectWhetherOrNotItExists() {
        Person admin = member(project, "admin");
        Api session = signIn(admin);
        String other = fixtures.project();
        String otherBroker = fixtures.broker(other);
        for (String target : List.of(other, "00000000-0000-0000-0000-000000000000", "no-such-project")) {
            String p = "api/projects/" + target;
            for (Api.Reply reply : List.of(session.get(p), session.get(p + "/brokers"),
                    session.get(p + "/brokers/" + otherBroker),
                    session.put(p + "/brokers/" + otherBroker, "{\"name\":\"x\",\"url\":\"mqtt://h\"}"),
                    session.delete(p + "/brokers/" + otherBroker),
                    session.post(p + "/brokers", "{\"name\":\"x\",\"url\":\"mqtt://h\"}"),
                    session.get(p + "/tokens"),
                    session.post(p + "/tokens", "{\"name\":\"x\",\"role\":\"viewer\"}"),
                    session.get(p + "/members"),
                    session.put(p + "/members/" + admin.username(), "{\"role\":\"admin\"}"),
                    session.delete(p + "/members/" + admin.username()))) {
                assertForbidden(reply);
            }
        }
        assertFalse(usernames(root.get("api/projects/" + other + "/members").array()).contains(admin.username()),
                "an admin of one project cannot make themselves a member of another");
        assertEquals(1, root.get("api/projects/" + other + "/brokers").array().size(), "nothing was created or deleted");
    }

    @Test
    void roleChangesAndRemovalTakeEffectOnTheNextRequestWithTheSameJwt() {
        Person person = member(project, "admin");
        Api session = signIn(person);
        String newBroker = "{\"name\":\"n\",\"url\":\"mqtt://h:1883\"}";
        assertEquals(200, session.get(tokens()).status());

        putMember(project, person.username(), "editor");
        assertForbidden(session.get(tokens()));
        assertEquals(200, session.post(brokers(), newBroker).status());

        putMember(project, person.username(), "viewer");
        assertForbidden(session.post(brokers(), newBroker));
        assertEquals(200, session.get(brokers()).status());

        assertEquals(JsonValue.TRUE, root.delete(members() + "/" + person.username()).json());
        assertForbidden(session.get(project()));
        assertForbidden(session.get(brokers()));
        assertEquals(0, session.get("api/projects").array().size());

        putMember(project, person.username(), "admin");
        assertEquals(200, session.get(tokens()).status(), "added again: the same JWT works again");
    }

    @Test
    void aPersonListsOnlyTheProjectsTheyAreAMemberOf() {
        Person person = user();
        Api session = signIn(person);
        assertEquals(0, session.get("api/projects").array().size());
        String second = fixtures.project();
        fixtures.project(); // one they do not belong to
        putMember(project, person.username(), "viewer");
        putMember(second, person.username(), "admin");
        JsonArray seen = session.get("api/projects").array();
        assertEquals(Set.of(project, second), ids(seen));
        assertEquals(2, seen.size());
        for (JsonValue each : seen) {
            JsonObject p = each.asJsonObject();
            assertEquals(root.get("api/projects/" + p.getString("id")).object(), p, "the same JSON as root's");
        }
        assertEquals(JsonValue.TRUE, root.delete("api/projects/" + second).json());
        assertEquals(Set.of(project), ids(session.get("api/projects").array()), "memberships go with their project");
    }

    // ---------------------------------------------------------------- tokens of people

    @Test
    void tokensCreatedByAPersonNameThemAsIssuerAndWork() {
        Person person = member(project, "admin");
        Api session = signIn(person);
        Api.Reply created = session.post(tokens(), "{\"name\":\"by-person\",\"role\":\"admin\"}");
        assertEquals(200, created.status(), created::toString);
        assertEquals(person.username(), created.object().getString("issuer"));
        Api.Reply restricted = session.post(tokens(), "{\"name\":\"by-person-r\",\"role\":\"viewer\","
                + "\"type\":\"restricted\",\"brokers\":[\"" + broker + "\"]}");
        assertEquals(200, restricted.status(), restricted::toString);
        assertEquals(person.username(), restricted.object().getString("issuer"));

        Api token = root.as(created.object().getString("token"));
        assertEquals(200, token.get(project()).status());
        assertEquals(200, token.get(tokens()).status());
        assertEquals("token", token.get("api/auth/whoami").object().getString("kind"));
        assertEquals(200, root.as(restricted.object().getString("token")).get(brokers() + "/" + broker).status());
        for (JsonValue listed : root.get(tokens()).array()) {
            assertEquals(person.username(), listed.asJsonObject().getString("issuer"));
        }
    }

    // ---------------------------------------------------------------- whoami

    @Test
    void whoamiDescribesAPersonATokenAndRoot() {
        Person person = member(project, "admin");
        String jwt = jwt(person);
        for (int i = 0; i < 2; i++) {
            Api.Reply reply = root.as(jwt).get("api/auth/whoami");
            assertEquals(200, reply.status(), reply::toString);
            assertSafe(reply);
            JsonObject me = reply.object();
            assertEquals(WHOAMI_KEYS, sortedKeys(me));
            assertEquals("user", me.getString("kind"));
            assertEquals(person.username(), me.getString("name"));
            for (String key : List.of("project_id", "role", "type", "brokers")) {
                assertEquals(JsonValue.NULL, me.get(key), key);
            }
            assertEquals(Jwts.claims(jwt).getJsonNumber("exp").longValue() * 1000,
                    me.getJsonNumber("expires_at").longValue());
            root.delete(members() + "/" + person.username()); // the same answer with and without a membership
        }

        String second = fixtures.broker(project);
        JsonObject restricted = fixtures.token(project, "editor", broker, second);
        JsonObject me = root.as(restricted.getString("token")).get("api/auth/whoami").object();
        assertEquals(WHOAMI_KEYS, sortedKeys(me));
        assertEquals("token", me.getString("kind"));
        assertEquals(restricted.getString("name"), me.getString("name"));
        assertEquals(project, me.getString("project_id"));
        assertEquals("editor", me.getString("role"));
        assertEquals("restricted", me.getString("type"));
        assertEquals(Set.of(broker, second), Set.copyOf(me.getJsonArray("brokers").getValuesAs(JsonString::getString)));
        assertEquals(restricted.getJsonNumber("valid_date").longValue(), me.getJsonNumber("expires_at").longValue());

        JsonObject viewer = fixtures.token(project, "viewer");
        JsonObject unrestricted = root.as(viewer.getString("token")).get("api/auth/whoami").object();
        assertEquals(WHOAMI_KEYS, sortedKeys(unrestricted));
        assertEquals("viewer", unrestricted.getString("role"));
        assertEquals("unrestricted", unrestricted.getString("type"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, unrestricted.getJsonArray("brokers"));
        assertEquals(viewer.getJsonNumber("valid_date").longValue(), unrestricted.getJsonNumber("expires_at").longValue());

        JsonObject rootMe = root.get("api/auth/whoami").object();
        assertEquals(WHOAMI_KEYS, sortedKeys(rootMe));
        assertEquals("root", rootMe.getString("kind"));
        assertEquals("root", rootMe.getString("name"));
        assertEquals("root", rootMe.getString("role"));
        for (String key : List.of("project_id", "type", "brokers", "expires_at")) {
            assertEquals(JsonValue.NULL, rootMe.get(key), key);
        }

        assertUnauthorized(root.as(null).get("api/auth/whoami"));
    }

    // ---------------------------------------------------------------- secrecy

    @Test
    void passwordsAndHashesNeverReachAResponseOrTheServerLog() throws IOException {
        Person person = member(project, "admin");
        List<Api.Reply> replies = new ArrayList<>();
        replies.add(login(person.username(), person.password()));
        replies.add(login(person.username(), password()));
        replies.add(login(Fixtures.unique("nobody"), password()));
        replies.add(root.post("api/users", credentials(person.username(), password())));
        replies.add(root.post("api/users", credentials("Not A Name", password())));
        String short11 = password().substring(0, 11);
        PASSWORDS.add(short11);
        replies.add(root.post("api/users", credentials(Fixtures.unique("short"), short11)));
        String malformed = password();
        replies.add(root.as(null).post("api/auth/login",
                "{\"username\":\"" + person.username() + "\",\"password\":\"" + malformed + "\""));
        replies.add(root.as(null).post("api/auth/login",
                "{\"username\":\"" + person.username() + "\",\"password\":\"" + password() + "\",\"x\":1}"));
        replies.add(root.get("api/users"));
        replies.add(root.get(members()));
        replies.add(root.put(members() + "/" + person.username(), "{\"role\":\"editor\"}"));
        replies.add(signIn(person).get("api/auth/whoami"));
        replies.forEach(PeopleApiIT::assertSafe);

        String log = ServerLogs.read(Path.of(System.getProperty("tollgate.it.log")));
        assertTrue(log.contains("Database schema"), "the log is the server's");
        assertFalse(log.contains("pbkdf2-sha256"), "a password hash was logged");
        for (String password : PASSWORDS) {
            assertFalse(log.contains(password), "a password was logged: " + password);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A user this class created, with the password it was given. */
    record Person(String username, String password) {
    }

    private String project() {
        return "api/projects/" + project;
    }

    private String brokers() {
        return project() + "/brokers";
    }

    private String tokens() {
        return project() + "/tokens";
    }

    private String members() {
        return project() + "/members";
    }

    private static List<Integer> inParallel(int count, Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> futures = pool.invokeAll(java.util.Collections.nCopies(count, call));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A fresh password, remembered so that the log test can look for it. */
    private static String password() {
        String password = "pw-" + UUID.randomUUID();
        PASSWORDS.add(password);
        return password;
    }

    private static String credentials(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
    }

    private Person user() {
        Person person = new Person(Fixtures.unique("u"), password());
        Api.Reply reply = root.post("api/users", credentials(person.username(), person.password()));
        assertEquals(200, reply.status(), reply::toString);
        assertSafe(reply);
        return person;
    }

    private Person member(String projectId, String role) {
        Person person = user();
        putMember(projectId, person.username(), role);
        return person;
    }

    private void putMember(String projectId, String username, String role) {
        Api.Reply reply = root.put("api/projects/" + projectId + "/members/" + username, "{\"role\":\"" + role + "\"}");
        assertEquals(200, reply.status(), reply::toString);
    }

    private Api.Reply login(String username, String password) {
        Api.Reply reply = root.as(null).post("api/auth/login", credentials(username, password));
        assertSafe(reply);
        return reply;
    }

    private String jwt(Person person) {
        Api.Reply reply = login(person.username(), person.password());
        assertEquals(200, reply.status(), reply::toString);
        return reply.object().getString("token");
    }

    /** The API as this person, with a fresh session JWT. */
    private Api signIn(Person person) {
        return root.as(jwt(person));
    }

    private String roleOf(String username) {
        return root.get(members()).array().stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("username").equals(username))
                .map(m -> m.getString("role")).findFirst().orElse(null);
    }

    private static List<String> usernames(JsonArray members) {
        return members.stream().map(m -> m.asJsonObject().getString("username")).toList();
    }

    private static Set<String> ids(JsonArray projects) {
        return projects.stream().map(p -> p.asJsonObject().getString("id")).collect(Collectors.toSet());
    }

    private static List<String> sortedKeys(JsonObject json) {
        return json.keySet().stream().sorted().toList();
    }

    private static JsonObject with(JsonObject json, String key, String value) {
        return Json.createObjectBuilder(json).add(key, value).build();
    }

    private static JsonObject with(JsonObject json, String key, long value) {
        return Json.createObjectBuilder(json).add(key, value).build();
    }

    /** No password this class sent, and no password hash, in a response. */
    private static void assertSafe(Api.Reply reply) {
        String body = reply.body() == null ? "" : reply.body();
        assertFalse(body.toLowerCase().contains("pbkdf2"), () -> "a password hash in a response: " + reply);
        for (String password : PASSWORDS) {
            assertFalse(body.contains(password), () -> "a password in a response: " + reply);
        }
    }

    private static void assertForbidden(Api.Reply reply) {
        assertProblem(reply, 403, "FORBIDDEN");
    }

    private static boolean isJsonUnauthorized(Api.Reply reply) {
        return reply.status() == 401 && "Bearer".equals(reply.wwwAuthenticate())
                && reply.contentType() != null && reply.contentType().startsWith("application/json")
                && "UNAUTHORIZED".equals(codeOf(reply));
    }

    private static String codeOf(Api.Reply reply) {
        try {
            return reply.object().getString("code");
        } catch (RuntimeException notTheErrorBody) {
            return null;
        }
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }

    // ---------------------------------------------------------------- hardening (issue 10: items 3, 4, 8)

    @Test
    void theBearerSchemeIsCaseInsensitiveAndMaySpanSeveralSpacesForEveryCredentialKind() {
        Person person = member(project, "viewer");
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("session JWT", jwt(person));
        credentials.put("project token", fixtures.secret(project, "viewer"));
        credentials.put("root", Fixtures.ROOT);
        List<String> failures = new ArrayList<>();
        credentials.forEach((kind, credential) -> {
            for (String prefix : List.of("Bearer ", "bearer ", "BEARER ", "Bearer  ", "bEaReR   ")) {
                Api.Reply reply = Api.send(HttpRequest.newBuilder(root.base().resolve("api/auth/whoami"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", prefix + credential).build());
                if (reply.status() != 200) {
                    failures.add(kind + " with '" + prefix + "' -> " + reply.status() + " " + abbreviate(reply.body()));
                }
            }
        });
        assertEquals(List.of(), failures);
        for (String header : List.of("Basic " + Fixtures.ROOT, "Bearer", "Bearer" + Fixtures.ROOT, "Bearer a b")) {
            Api.Reply reply = Api.send(HttpRequest.newBuilder(root.base().resolve("api/auth/whoami"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", header).build());
            assertTrue(isJsonUnauthorized(reply), header + " -> " + reply);
        }
    }

    @Test
    void badJwtsGrowTheServerLogByNoMoreThanAShortLineEach() throws Exception {
        Person person = member(project, "viewer");
        String jwt = jwt(person);
        JsonObject claims = Jwts.claims(jwt);
        long now = System.currentTimeMillis() / 1000;
        KeyPair foreign = Jwts.rsaKeyPair();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bad.add(Jwts.withClaims(jwt, with(claims, "upn", "root" + i)));
            bad.add(Jwts.withFlippedSignature(jwt));
            bad.add(Jwts.rs256(foreign.getPrivate(), with(with(claims, "iat", now - 7200), "exp", now - 3600 - i)));
            bad.add(Jwts.unsigned(with(claims, "jti", "none-" + i)));
            bad.add("eyJ" + "x".repeat(500 * (i + 1)) + ".eyJ" + i + ".c2ln");
        }
        Path log = Path.of(System.getProperty("tollgate.it.log"));
        int before = settledLength(log);
        for (String credential : bad) {
            Api.Reply reply = root.as(credential).get("api/auth/whoami");
            assertTrue(isJsonUnauthorized(reply), reply::toString);
        }
        int growth = settledLength(log) - before;
        assertTrue(growth <= bad.size() * 200, "20 bad JWTs grew the server log by " + growth + " characters");
    }

    @Test
    void anAttackersAddressCannotLockTheUserOutFromAnotherAddress() throws Exception {
        Person person = user();
        String wrong = credentials(person.username(), password());
        RawReply locked = null;
        for (int i = 1; i <= 20 && locked == null; i++) {
            RawReply reply = loginFrom("127.0.0.2", wrong);
            assertTrue(reply.status() == 401 || reply.status() == 429, reply::toString);
            if (reply.status() == 429) {
                locked = reply;
                assertTrue(i > 10, "ten failures do not lock: locked at attempt " + i);
            }
        }
        assertTrue(locked != null, "the attacker's address is locked after more than ten failures");
        assertEquals("TOO_MANY_REQUESTS", locked.json().getString("code"), locked::toString);
        String retryAfter = locked.headers().get("retry-after");
        assertTrue(retryAfter != null && retryAfter.matches("[1-9][0-9]*"), "Retry-After: " + retryAfter);
        assertEquals(retryAfter, locked.json().getJsonObject("info").getString("retry_after_seconds"));
        assertTrue(Long.parseLong(retryAfter) <= 60, "Retry-After: " + retryAfter);
        assertEquals(429, loginFrom("127.0.0.2", credentials(person.username(), person.password())).status(),
                "the attacker's address stays locked even with the right password");

        RawReply user = loginFrom("127.0.0.1", credentials(person.username(), person.password()));
        assertEquals(200, user.status(), "the user logs in from another address: " + user);
        assertFalse(user.json().getString("token").isBlank());
    }

    @Test
    void usernamesLongerThanAnyUserAreRefusedWithoutBeingTracked() {
        String tooLong = "u".repeat(65);
        for (int i = 1; i <= 15; i++) {
            Api.Reply reply = login(tooLong + i, password());
            assertProblem(reply, 401, "UNAUTHORIZED");
        }
        for (int i = 1; i <= 15; i++) {
            Api.Reply reply = login(tooLong, password());
            assertProblem(reply, 401, "UNAUTHORIZED");
        }
    }

    /** A login sent over a socket bound to {@code localAddress} (HttpClient cannot choose its source address). */
    private RawReply loginFrom(String localAddress, String body) throws IOException {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(30_000);
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + root.base().getPath() + "api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            return RawReply.parse(socket.getInputStream().readAllBytes());
        }
    }

    /** An HTTP/1.1 response read off a socket: status, headers (lower-case names), body. */
    record RawReply(int status, Map<String, String> headers, String body) {

        static RawReply parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(), lines[i].substring(colon + 1).strip());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                StringBuilder joined = new StringBuilder();
                int at = 0;
                while (true) {
                    int lineEnd = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
                    if (size == 0) {
                        break;
                    }
                    joined.append(body, lineEnd + 2, lineEnd + 2 + size);
                    at = lineEnd + 2 + size + 2;
                }
                body = joined.toString();
            }
            return new RawReply(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }

        JsonObject json() {
            return Json.createReader(new java.io.StringReader(body)).readObject();
        }
    }

    /** The log's length once it stopped growing (Payara writes it from a queue), within 20 s. */
    private static int settledLength(Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int last = ServerLogs.read(log).length();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_500);
            int now = ServerLogs.read(log).length();
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }
}
