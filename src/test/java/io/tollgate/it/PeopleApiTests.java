package io.tollgate.it;

import static io.tollgate.it.Asserts.assertProblem;
import static io.tollgate.it.Asserts.assertEachRejected;
import static io.tollgate.it.Asserts.assertForbidden;
import static io.tollgate.it.Asserts.assertUnauthorized;
import static io.tollgate.it.Parallel.inParallel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.it.Api.TokenSpec;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpRequest;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * People over HTTP on the packaged WAR in a managed Payara Micro: users, password login with RS256
 * session JWTs, the login lockout, project memberships and the role table of spec section 2 for
 * member roles, whoami for every kind of caller, and passwords that never leave the server.
 * <p>
 * Part of {@link DeployedSuitesIT}'s single deployment (see there): every test is {@code @RunAsClient}
 * on its own. The server's throttles outlive a test and a suite: each lockout test locks a username of
 * its own; the spraying test locks a client address of its own behind the trusted proxy (127.0.0.2,
 * which no other suite logs in from); and the failed logins of all the suites from 127.0.0.1 (about 50,
 * nearly all here) stay under the POM's {@code tollgate.it.login-max-failures-per-address}.
 */
abstract class PeopleApiTests extends TokensApiTests {

    private static final List<String> RANKS = List.of("viewer", "editor", "admin", "root");
    private static final List<String> WHOAMI_KEYS =
            Stream.of("kind", "name", "project_id", "role", "type", "brokers", "expires_at", "memberships").sorted().toList();
    /** Every password this class sent (right or wrong), to look for in responses and in the server log. */
    private static final Set<String> PASSWORDS = ConcurrentHashMap.newKeySet();

    // ---------------------------------------------------------------- users

    @Test
    @RunAsClient
    void rootCreatesAUserAndGetsOnlyUsernameAndCreatedDateBack() {
        long before = System.currentTimeMillis();
        String username = Fixtures.unique("alice");
        Api.Reply created = root.createUser(username, password());
        assertEquals(200, created.status(), created::toString);
        assertSafe(created);
        JsonObject user = created.object();
        assertEquals(List.of("created_date", "username"), sortedKeys(user));
        assertEquals(username, user.getString("username"));
        long date = user.getJsonNumber("created_date").longValue();
        assertTrue(date >= before && date <= System.currentTimeMillis(), "created_date " + date);

        Api.Reply list = root.listUsers();
        assertEquals(200, list.status(), list::toString);
        assertSafe(list);
        assertTrue(list.array().contains(user), "the list holds the user exactly as created");
        for (JsonValue each : list.array()) {
            assertEquals(List.of("created_date", "username"), sortedKeys(each.asJsonObject()));
        }

        Api.Reply again = root.createUser(username, password());
        assertProblem(again, 409, "CONFLICT");
        assertSafe(again);
    }

    @Test
    @RunAsClient
    void usernameAndPasswordRulesAnswer400WithTheFieldAndCreateNothing() {
        String u = Fixtures.unique("rules");
        String pw = password();
        String eleven = password().substring(0, 11);
        String elevenKeys = "\uD83D\uDD11".repeat(11);
        PASSWORDS.add(eleven);
        PASSWORDS.add(elevenKeys);
        // built with JSON-P, not createUser: missing fields, wrong JSON types and an unknown field are part of the table
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(Api.object().add("password", pw).build().toString(), "username");
        cases.put(credentials("ab", pw), "username");
        cases.put(credentials("root", pw), "username");
        cases.put(credentials(u + "x".repeat(65 - u.length()), pw), "username");
        cases.put(credentials("Upper-" + u, pw), "username");
        cases.put(credentials("with space-" + u, pw), "username");
        cases.put(credentials("at@" + u, pw), "username");
        cases.put(credentials("\u00e5-" + u, pw), "username");
        cases.put(credentials("", pw), "username");
        cases.put(Api.object().add("username", 5).add("password", pw).build().toString(), "username");
        cases.put(Api.object().addNull("username").add("password", pw).build().toString(), "username");
        cases.put(Api.object().add("username", u).build().toString(), "password");
        cases.put(credentials(u, eleven), "password");
        cases.put(credentials(u, elevenKeys), "password");
        cases.put(credentials(u, ""), "password");
        cases.put(Api.object().add("username", u).add("password", 123456789012345L).build().toString(), "password");
        cases.put(Api.object(Api.credentials(u, pw)).add("role", "admin").build().toString(), "role");
        assertEachRejected(cases, body -> {
            Api.Reply reply = root.post(Api.users(), body);
            assertSafe(reply);
            return reply;
        }, () -> root.listUsers().array());
        assertFalse(root.listUsers().body().contains(u), "a refused request created no user");
        // truncated by hand: being malformed is the point
        assertProblem(root.post(Api.users(), "{\"username\":\"" + u + "\""), 400, "MALFORMED_REQUEST");

        // the edges that are allowed: 3 and 64 characters, '.', '_' and '-', 12 code points of password
        String three = Integer.toString(new SecureRandom().nextInt(36 * 36 * 36), 36);
        three = "0".repeat(3 - three.length()) + three;
        root.deleteUser(three); // a user of an earlier run on the same data directory
        for (String username : List.of(three, u + "y".repeat(64 - u.length()), "a.b_c-" + u)) {
            Api.Reply reply = root.createUser(username, password());
            assertEquals(200, reply.status(), username + " -> " + reply);
        }
        assertEquals(JsonValue.TRUE, root.deleteUser(three).json());
        String twelveKeys = "\uD83D\uDD11".repeat(12);
        PASSWORDS.add(twelveKeys);
        String keyholder = Fixtures.unique("keys");
        Api.Reply reply = root.createUser(keyholder, twelveKeys);
        assertEquals(200, reply.status(), "12 code points (24 UTF-16 units) are a long enough password: " + reply);
        assertEquals(200, login(keyholder, twelveKeys).status(), "and log in with it");
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void parallelCreatesOfOneUsernameGiveOne200AndThe409s() throws Exception {
        String username = Fixtures.unique("race");
        List<Integer> statuses = inParallel(10, () -> {
            Api.Reply reply = root.createUser(username, password());
            assertSafe(reply);
            return reply.status();
        });
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(9, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
        assertEquals(1, root.listUsers().array().stream()
                .filter(u -> u.asJsonObject().getString("username").equals(username)).count());
    }

    @Test
    @RunAsClient
    void deletingAUserAnswersTrueAndRemovesTheirMemberships() {
        Person person = member(project, "editor");
        Api session = signIn(person);
        assertEquals(200, session.get(project()).status());

        Api.Reply deleted = root.deleteUser(person.username());
        assertEquals(200, deleted.status(), deleted::toString);
        assertEquals(JsonValue.TRUE, deleted.json());
        assertFalse(usernames(root.get(members()).array()).contains(person.username()), "membership removed");
        assertUnauthorized(session.get(project()));
        assertUnauthorized(session.whoami());
        assertUnauthorized(login(person.username(), person.password()));
        assertFalse(root.listUsers().body().contains("\"" + person.username() + "\""));
        assertProblem(root.deleteUser(person.username()), 404, "NOT_FOUND");
        assertProblem(root.deleteUser(Fixtures.unique("nobody")), 404, "NOT_FOUND");

        // the same name created again is a new person: no membership comes back
        Person again = new Person(person.username(), password());
        assertEquals(200, root.createUser(again.username(), again.password()).status());
        assertFalse(usernames(root.get(members()).array()).contains(person.username()));
        assertForbidden(signIn(again).get(project()));
        assertEquals(200, root.putMember(project, again.username(), "editor").status());
        assertEquals(200, signIn(again).get(project()).status());
        assertUnauthorized(session.get(project()));
    }

    // ---------------------------------------------------------------- login

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
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
    @RunAsClient
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
    @RunAsClient
    void loginBodyIsValidatedLikeEveryOther() {
        Api anonymous = root.anonymous();
        // built with JSON-P, not login(): missing fields and wrong JSON types are the point
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(Api.object().build().toString(), "username");
        cases.put(Api.object().add("password", password()).build().toString(), "username");
        cases.put(Api.object().add("username", "someone").build().toString(), "password");
        cases.put(Api.object().add("username", "someone").add("password", 123456789012L).build().toString(), "password");
        cases.put(Api.object().add("username", Json.createArrayBuilder()).add("password", password()).build().toString(), "username");
        assertEachRejected(cases, body -> anonymous.post("api/auth/login", body));
        // truncated by hand: being malformed is the point
        assertProblem(anonymous.post("api/auth/login", "{\"username\":\"someone\",\"password\":\"" + password() + "\""),
                400, "MALFORMED_REQUEST");
    }

    @Test
    @RunAsClient
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
    @RunAsClient
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

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void parallelWrongLoginsAreLockedAfterMoreThanTenFailuresToo() throws Exception {
        // attempts are counted as they arrive: 30 parallel wrong guesses may not all be checked
        Person person = user();
        String wrong = password();
        List<Integer> statuses = inParallel(30, () -> root.login(person.username(), wrong).status());
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
    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
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
    @RunAsClient
    void membersArePutListedChangedAndRemovedWithExactJson() {
        Person alice = user();
        Person bob = user();
        Api.Reply put = root.putMember(project, alice.username(), "editor");
        assertEquals(200, put.status(), put::toString);
        JsonObject membership = put.object();
        assertEquals(Json.createObjectBuilder().add("project_id", project).add("username", alice.username())
                .add("role", "editor").build(), membership);
        Api.Reply list = root.listMembers(project);
        assertEquals(200, list.status(), list::toString);
        assertSafe(list);
        assertEquals(List.of(membership), list.array());

        Api.Reply changed = root.putMember(project, alice.username(), "admin");
        assertEquals(200, changed.status(), changed::toString);
        assertEquals("admin", changed.object().getString("role"));
        assertEquals(List.of(changed.object()), root.get(members()).array(), "a second PUT changes the role");

        // alice, now an admin of the project, manages its members herself
        Api alicesSession = signIn(alice);
        Api.Reply added = alicesSession.putMember(project, bob.username(), "viewer");
        assertEquals(200, added.status(), added::toString);
        assertEquals(Set.of(alice.username(), bob.username()), Set.copyOf(usernames(alicesSession.get(members()).array())));
        for (JsonValue each : root.get(members()).array()) {
            assertEquals(List.of("project_id", "role", "username"), sortedKeys(each.asJsonObject()));
        }

        // built with JSON-P, not putMember: wrong JSON types, a missing and an unknown field are part of the table
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put(Api.roleBody("root").toString(), "role");
        invalid.put(Api.roleBody("owner").toString(), "role");
        invalid.put(Api.roleBody("Admin").toString(), "role");
        invalid.put(Api.roleBody("").toString(), "role");
        invalid.put(Api.object().add("role", 5).build().toString(), "role");
        invalid.put(Api.object().addNull("role").build().toString(), "role");
        invalid.put(Api.object().build().toString(), "role");
        invalid.put(Api.object(Api.roleBody("viewer")).add("extra", 1).build().toString(), "extra");
        assertEachRejected(invalid, body -> root.put(Api.member(project, bob.username()), body),
                () -> root.listMembers(project).array());
        assertEquals("viewer", roleOf(bob.username()), "a refused PUT changes nothing");

        String nobody = Fixtures.unique("nobody");
        assertProblem(root.putMember(project, nobody, "viewer"), 404, "NOT_FOUND");
        assertFalse(usernames(root.get(members()).array()).contains(nobody));
        String missing = "api/projects/00000000-0000-0000-0000-000000000000/members";
        assertProblem(root.put(missing + "/" + alice.username(), Api.roleBody("viewer")), 404, "NOT_FOUND");
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
    @RunAsClient
    void unrestrictedAdminTokensManageMembersAndOtherTokensMayNot() {
        Person person = user();
        Api admin = root.as(fixtures.secret(project, "admin"));
        assertEquals(200, admin.putMember(project, person.username(), "editor").status());
        assertEquals(List.of(person.username()), usernames(admin.get(members()).array()));
        for (String secret : List.of(fixtures.secret(project, "admin", broker), fixtures.secret(project, "editor"),
                fixtures.secret(project, "viewer"))) {
            Api token = root.as(secret);
            assertForbidden(token.get(members()));
            assertForbidden(token.putMember(project, person.username(), "admin"));
            assertForbidden(token.delete(members() + "/" + person.username()));
        }
        assertEquals("editor", roleOf(person.username()));
        assertEquals(JsonValue.TRUE, admin.delete(members() + "/" + person.username()).json());
    }

    private List<Action> actions(Person target) {
        String p = project();
        JsonObject brokerBody = Api.brokerBody("n", "ws://h");
        return List.of(
                new Action("read project", "viewer", api -> api.get(p)),
                new Action("list brokers", "viewer", api -> api.get(p + "/brokers")),
                new Action("read broker", "viewer", api -> api.get(p + "/brokers/" + broker)),
                new Action("create broker", "editor", api -> api.post(p + "/brokers", brokerBody)),
                new Action("update broker", "editor", api -> api.put(p + "/brokers/" + broker, brokerBody)),
                new Action("delete broker", "admin", api -> api.delete(p + "/brokers/" + fixtures.broker(project))),
                new Action("list tokens", "admin", api -> api.get(p + "/tokens")),
                new Action("create token", "admin", api -> api.createToken(project,
                        TokenSpec.of(Fixtures.unique("c"), "viewer"))),
                new Action("delete token", "admin", api -> api.delete(p + "/tokens/"
                        + fixtures.token(project, "viewer").getString("id"))),
                new Action("list members", "admin", api -> api.get(p + "/members")),
                new Action("put member", "admin", api -> api.putMember(project, target.username(), "viewer")),
                new Action("delete member", "admin", api -> {
                    putMember(project, target.username(), "viewer");
                    return api.delete(p + "/members/" + target.username());
                }),
                new Action("create project", "root", api -> api.createProject(Fixtures.unique("rp"))),
                new Action("delete project", "root", api -> api.deleteProject(fixtures.project())),
                new Action("create user", "root", api -> api.createUser(Fixtures.unique("cu"), password())),
                new Action("list users", "root", api -> api.listUsers()),
                new Action("delete user", "root", api -> api.deleteUser(user().username())));
    }

    @Test
    @RunAsClient
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
    @RunAsClient
    void aNonMemberGets403OnAProjectWhetherOrNotItExists() {
        Person admin = member(project, "admin");
        Api session = signIn(admin);
        String other = fixtures.project();
        String otherBroker = fixtures.broker(other);
        for (String target : List.of(other, "00000000-0000-0000-0000-000000000000", "no-such-project")) {
            String p = "api/projects/" + target;
            for (Api.Reply reply : List.of(session.get(p), session.get(p + "/brokers"),
                    session.get(p + "/brokers/" + otherBroker),
                    session.updateBroker(target, otherBroker, "x", "mqtt://h"),
                    session.delete(p + "/brokers/" + otherBroker),
                    session.createBroker(target, "x", "mqtt://h"),
                    session.get(p + "/tokens"),
                    session.createToken(target, TokenSpec.of("x", "viewer")),
                    session.get(p + "/members"),
                    session.putMember(target, admin.username(), "admin"),
                    session.delete(p + "/members/" + admin.username()))) {
                assertForbidden(reply);
            }
        }
        assertFalse(usernames(root.get("api/projects/" + other + "/members").array()).contains(admin.username()),
                "an admin of one project cannot make themselves a member of another");
        assertEquals(1, root.get("api/projects/" + other + "/brokers").array().size(), "nothing was created or deleted");
    }

    @Test
    @RunAsClient
    void roleChangesAndRemovalTakeEffectOnTheNextRequestWithTheSameJwt() {
        Person person = member(project, "admin");
        Api session = signIn(person);
        JsonObject newBroker = Api.brokerBody("n", "mqtt://h:1883");
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
    @RunAsClient
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
    @RunAsClient
    void tokensCreatedByAPersonNameThemAsIssuerAndWork() {
        Person person = member(project, "admin");
        Api session = signIn(person);
        Api.Reply created = session.createToken(project, TokenSpec.of("by-person", "admin"));
        assertEquals(200, created.status(), created::toString);
        assertEquals(person.username(), created.object().getString("issuer"));
        Api.Reply restricted = session.createToken(project, TokenSpec.of("by-person-r", "viewer").restricted(broker));
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
    @RunAsClient
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
            root.delete(members() + "/" + person.username()); // the same fields with and without a membership
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

    @Test
    @RunAsClient
    void whoamiListsAPersonsMembershipsAsTheyAreNowAndNullForTokensAndRoot() {
        Person person = member(project, "editor");
        String other = fixtures.project();
        putMember(other, person.username(), "viewer");
        Api session = signIn(person);
        assertEquals(List.of(held(project, "editor"), held(other, "viewer")).stream()
                        .sorted(java.util.Comparator.comparing(m -> m.getString("project_id"))).toList(),
                memberships(session), "ordered by project id");

        // read on every request, like the roles: the same JWT sees a change at once
        putMember(other, person.username(), "admin");
        assertEquals(200, root.removeMember(project, person.username()).status());
        assertEquals(List.of(held(other, "admin")), memberships(session));
        assertEquals(200, root.deleteProject(other).status());
        assertEquals(List.of(), memberships(session), "a person in no project: [], never null");

        Person newcomer = user();
        assertEquals(List.of(), memberships(signIn(newcomer)));
        assertEquals(JsonValue.NULL, root.whoami().object().get("memberships"), "root holds no membership");
        JsonObject token = fixtures.token(project, "admin");
        assertEquals(JsonValue.NULL, root.as(token.getString("token")).whoami().object().get("memberships"),
                "a token neither: its project_id and role say where it acts");
    }

    /** The memberships {@code whoami} lists for this caller, as it answers now. */
    private static List<JsonObject> memberships(Api caller) {
        Api.Reply reply = caller.whoami();
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(WHOAMI_KEYS, sortedKeys(reply.object()));
        return reply.object().getJsonArray("memberships").getValuesAs(JsonObject.class);
    }

    private static JsonObject held(String projectId, String role) {
        return Json.createObjectBuilder().add("project_id", projectId).add("role", role).build();
    }

    // ---------------------------------------------------------------- secrecy

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void passwordsAndHashesNeverReachAResponseOrTheServerLog() throws IOException {
        Person person = member(project, "admin");
        List<Api.Reply> replies = new ArrayList<>();
        replies.add(login(person.username(), person.password()));
        replies.add(login(person.username(), password()));
        replies.add(login(Fixtures.unique("nobody"), password()));
        replies.add(root.createUser(person.username(), password()));
        replies.add(root.createUser("Not A Name", password()));
        String short11 = password().substring(0, 11);
        PASSWORDS.add(short11);
        replies.add(root.createUser(Fixtures.unique("short"), short11));
        String malformed = password();
        // truncated by hand: a password inside a malformed body must not be echoed either
        replies.add(root.anonymous().post("api/auth/login",
                "{\"username\":\"" + person.username() + "\",\"password\":\"" + malformed + "\""));
        replies.add(root.anonymous().post("api/auth/login",
                Api.object(Api.credentials(person.username(), password())).add("x", 1).build().toString()));
        replies.add(root.listUsers());
        replies.add(root.listMembers(project));
        replies.add(root.putMember(project, person.username(), "editor"));
        replies.add(signIn(person).whoami());
        replies.forEach(PeopleApiTests::assertSafe);

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

    private static String credentials(String username, String password) {
        return Api.credentials(username, password).toString();
    }

    /** A fresh password, remembered so that the log test can look for it. */
    private static String password() {
        String password = "pw-" + UUID.randomUUID();
        PASSWORDS.add(password);
        return password;
    }

    private Person user() {
        Person person = new Person(Fixtures.unique("u"), password());
        Api.Reply reply = root.createUser(person.username(), person.password());
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
        Api.Reply reply = root.putMember(projectId, username, role);
        assertEquals(200, reply.status(), reply::toString);
    }

    private Api.Reply login(String username, String password) {
        Api.Reply reply = root.login(username, password);
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

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
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

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
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

    @Tag(RuntimeSubset.TAG)
    @Test
    @RunAsClient
    void anAttackersAddressCannotLockTheUserOutFromAnotherAddress() throws Exception {
        Person person = user();
        String wrong = credentials(person.username(), password());
        RawHttp.Response locked = null;
        for (int i = 1; i <= 20 && locked == null; i++) {
            RawHttp.Response reply = loginFrom("127.0.0.2", wrong);
            assertTrue(reply.status() == 401 || reply.status() == 429, reply::toString);
            if (reply.status() == 429) {
                locked = reply;
                assertTrue(i > 10, "ten failures do not lock: locked at attempt " + i);
            }
        }
        assertTrue(locked != null, "the attacker's address is locked after more than ten failures");
        assertEquals("TOO_MANY_REQUESTS", locked.object().getString("code"), locked::toString);
        String retryAfter = locked.header("Retry-After");
        assertTrue(retryAfter != null && retryAfter.matches("[1-9][0-9]*"), "Retry-After: " + retryAfter);
        assertEquals(retryAfter, locked.object().getJsonObject("info").getString("retry_after_seconds"));
        assertTrue(Long.parseLong(retryAfter) <= 60, "Retry-After: " + retryAfter);
        assertEquals(429, loginFrom("127.0.0.2", credentials(person.username(), person.password())).status(),
                "the attacker's address stays locked even with the right password");

        RawHttp.Response user = loginFrom("127.0.0.1", credentials(person.username(), person.password()));
        assertEquals(200, user.status(), "the user logs in from another address: " + user);
        assertFalse(user.object().getString("token").isBlank());
    }

    @Test
    @RunAsClient
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

    /** A login sent from {@code localAddress}: the throttle counts failures per client address. */
    private RawHttp.Response loginFrom(String localAddress, String body, String... headerLines) throws Exception {
        List<String> lines = new ArrayList<>(List.of(headerLines));
        lines.add("Content-Type: application/json");
        return new RawHttp(base.toURI()).from(localAddress).send("POST", "api/auth/login", body, lines.toArray(String[]::new));
    }

    /**
     * A login of a client at {@code client} behind the proxy the suites' servers trust (127.0.0.2, see
     * TOLLGATE_HTTP_TRUSTED_PROXIES in the POM): the throttle counts it for {@code client}.
     */
    private RawHttp.Response loginBehindProxy(String client, String body) throws Exception {
        return loginFrom(PROXY, body, "X-Forwarded-For: " + client);
    }

    private static final String PROXY = "127.0.0.2";

    /**
     * Password spraying (spec section 8): one password tried on many usernames from one address. The
     * suites' servers allow {@code tollgate.it.login-max-failures-per-address} failures per address and
     * minute (the POM; 30 by default), sent here in parallel: attempts are counted as they arrive. The
     * sprayer is a client behind the trusted proxy; addresses of its own, so no other test adds to it.
     */
    @Test
    @RunAsClient
    void sprayingOnePasswordOverManyUsernamesIs429ForThatAddressOnlyEvenWithTheRightPassword() throws Exception {
        int limit = Integer.parseInt(System.getProperty("tollgate.it.login-max-failures-per-address", "30"));
        String sprayer = "198.51.100.30";
        long start = System.currentTimeMillis();
        Person victim = user();
        String sprayed = password();
        AtomicInteger attempt = new AtomicInteger();
        List<RawHttp.Response> replies = inParallel(limit + 10, () ->
                loginBehindProxy(sprayer, credentials(Fixtures.unique("sprayed" + attempt.incrementAndGet()), sprayed)));
        long tookMillis = System.currentTimeMillis() - start;
        assertTrue(tookMillis < 50_000, "the spray fits in the minute it is counted in: " + tookMillis + " ms");
        List<Integer> statuses = replies.stream().map(RawHttp.Response::status).toList();
        assertEquals(limit, statuses.stream().filter(s -> s == 401).count(), "exactly the limit is checked: " + statuses);
        assertEquals(10, statuses.stream().filter(s -> s == 429).count(), statuses::toString);

        RawHttp.Response refused = replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertEquals("TOO_MANY_REQUESTS", refused.object().getString("code"), refused::toString);
        String retryAfter = refused.header("Retry-After");
        assertTrue(retryAfter != null && retryAfter.matches("[1-9][0-9]*") && Long.parseLong(retryAfter) <= 60,
                "Retry-After: " + retryAfter);
        assertEquals(retryAfter, refused.object().getJsonObject("info").getString("retry_after_seconds"));
        RawHttp.Response right = loginBehindProxy(sprayer, credentials(victim.username(), victim.password()));
        assertEquals(429, right.status(), "the right password too, or the refusal would confirm a guess: " + right);
        assertFalse(right.body().contains("token"), right::toString);

        String victimsLogin = credentials(victim.username(), victim.password());
        assertEquals(200, loginBehindProxy("198.51.100.31", victimsLogin).status(), "another client of the proxy");
        assertEquals(200, loginFrom(PROXY, victimsLogin).status(), "the proxy itself: the forwarded client was counted");
        assertEquals(200, loginFrom("127.0.0.1", victimsLogin, "X-Forwarded-For: " + sprayer).status(),
                "an untrusted peer's X-Forwarded-For is not read");

        List<JsonObject> events = root.get("api/audit?limit=1000").array().stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getJsonNumber("at").longValue() >= start && sprayer.equals(e.getString("ip", null)))
                .toList();
        assertEquals(limit, events.stream().filter(e -> e.getString("action").equals("login.failure")).count(),
                "one login.failure per checked attempt, none per 429");
        List<JsonObject> locks = events.stream().filter(e -> e.getString("action").equals("login.locked")).toList();
        assertEquals(1, locks.size(), "one login.locked when the limit was reached, however parallel: " + locks);
        JsonObject details = locks.get(0).getJsonObject("details");
        assertEquals("address", details.getString("scope"));
        assertTrue(details.getInt("locked_seconds") >= 1 && details.getInt("locked_seconds") <= 60, details::toString);
    }

    /** The log's length once it stopped growing (Payara writes it from a queue), within 20 s. */
    private static int settledLength(Path log) throws Exception {
        return ServerLogs.settled(log).length();
    }

    // ---------------------------------------------------------------- audit trail (spec section 7)

    @Test
    @RunAsClient
    void everyChangeIsAuditedWithItsActorRootAPersonOrAToken() {
        String projectName = root.getProject(project).object().getString("name");
        String brokerName = root.getBroker(project, broker).object().getString("name");
        Person alice = member(project, "admin");
        Api asAlice = signIn(alice);
        String b = asAlice.createBroker(project, "b-alice", "mqtt://a.local:1883").object().getString("id");
        assertEquals(200, asAlice.updateBroker(project, b, "b-alice-2", "mqtt://a.local:1883").status());
        String tokenName = Fixtures.unique("t").substring(0, 10);
        JsonObject token = asAlice.createToken(project, TokenSpec.of(tokenName, "admin").unrestricted()).object();
        Api asToken = root.as(token.getString("token"));
        String childName = Fixtures.unique("c").substring(0, 10);
        JsonObject child = asToken.createToken(project, TokenSpec.of(childName, "viewer").restricted(b)).object();
        assertEquals(200, asToken.deleteBroker(project, b).status());
        assertEquals(200, asToken.deleteToken(project, child.getString("id")).status());
        Person bob = user();
        putMemberAs(asAlice, bob.username(), "viewer");
        putMemberAs(asAlice, bob.username(), "editor");
        assertEquals(200, asAlice.removeMember(project, bob.username()).status());
        assertEquals(200, root.deleteUser(bob.username()).status());
        assertEquals(200, root.deleteProject(project).status());

        List<JsonObject> events = auditOf(root, Api.project(project) + "/audit?limit=1000");
        String alicesName = alice.username();
        String tokenActor = "token:" + tokenName;
        List<String> expected = List.of(
                "project.create root " + projectName,
                "broker.create root " + brokerName,
                "member.put root " + alicesName,
                "broker.create " + alicesName + " b-alice",
                "broker.update " + alicesName + " b-alice-2",
                "token.create " + alicesName + " " + tokenName,
                "token.create " + tokenActor + " " + childName,
                "broker.delete " + tokenActor + " b-alice-2",
                "token.delete " + tokenActor + " " + childName,
                "member.put " + alicesName + " " + bob.username(),
                "member.put " + alicesName + " " + bob.username(),
                "member.delete " + alicesName + " " + bob.username(),
                "project.delete root " + projectName);
        assertEquals(sorted(expected), sorted(events.stream().map(e -> e.getString("action") + " "
                + e.getString("actor") + " " + e.getString("target_name")).toList()),
                "the deleted project's whole trail, for root");
        assertNewestFirst(events);
        for (JsonObject event : events) {
            assertEquals(project, event.getString("project_id"), event::toString);
            assertFalse(event.isNull("ip"), () -> "the client address: " + event);
        }

        JsonObject created = only(events, "token.create", tokenName).getJsonObject("details");
        assertEquals("admin", created.getString("role"));
        assertEquals("unrestricted", created.getString("type"));
        assertEquals(List.of(), created.getJsonArray("brokers"));
        JsonObject childDetails = only(events, "token.create", childName).getJsonObject("details");
        assertEquals("restricted", childDetails.getString("type"));
        assertEquals(List.of(b), childDetails.getJsonArray("brokers").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
        assertEquals(Json.createObjectBuilder().add("changed", Json.createObjectBuilder().add("name",
                        Json.createObjectBuilder().add("from", "b-alice").add("to", "b-alice-2"))).build(),
                only(events, "broker.update", "b-alice-2").getJsonObject("details"), "only what changed");
        List<JsonObject> puts = events.stream().filter(e -> e.getString("action").equals("member.put")
                && e.getString("target_name").equals(bob.username())).toList();
        assertEquals(Set.of("viewer/null", "editor/viewer"), puts.stream().map(e -> e.getJsonObject("details"))
                .map(d -> d.getString("role") + "/" + (d.isNull("previous_role") ? "null" : d.getString("previous_role")))
                .collect(Collectors.toSet()));

        List<JsonObject> platform = auditOf(root, "api/audit?limit=1000");
        for (String action : List.of("user.create", "user.delete")) {
            JsonObject event = only(platform, action, bob.username());
            assertEquals("root", event.getString("actor"));
            assertTrue(event.isNull("project_id"), event::toString);
        }
        assertTrue(platform.stream().anyMatch(e -> e.getString("action").equals("login.success")
                && e.getString("actor").equals(alicesName)), "alice's login");
        assertTrue(platform.containsAll(events), "root's platform trail holds the project's events");
    }

    @Test
    @RunAsClient
    void loginsAreAuditedSuccessFailureAndLockAndAnUnknownUsernameIsAnonymous() throws Exception {
        long start = System.currentTimeMillis();
        Person carol = user();
        assertEquals(200, login(carol.username(), carol.password()).status());
        assertEquals(401, login(carol.username(), password()).status());
        String typed = "nobody-" + password(); // what someone typed as a username may be a password
        assertEquals(401, login(typed, password()).status());

        Person dave = user();
        String wrong = credentials(dave.username(), password());
        for (int i = 1; i <= 11; i++) {
            assertEquals(401, loginFrom("127.0.0.2", wrong).status(), "failure " + i);
        }
        for (int i = 1; i <= 3; i++) {
            assertEquals(429, loginFrom("127.0.0.2", wrong).status(), "refused while locked");
        }

        Api.Reply reply = root.get("api/audit?limit=1000");
        assertEquals(200, reply.status(), reply::toString);
        assertSafe(reply);
        assertFalse(reply.body().contains(typed), "the typed unknown username is not recorded");
        List<JsonObject> events = reply.array().stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getJsonNumber("at").longValue() >= start).toList();
        assertEquals(List.of("login.failure", "login.success"), actionsOf(events, carol.username()));
        assertTrue(events.stream().anyMatch(e -> e.getString("action").equals("login.failure")
                && e.getString("actor").equals("anonymous")), "the unknown username's failure, as anonymous");

        List<JsonObject> ofDave = events.stream().filter(e -> e.getString("actor").equals(dave.username())).toList();
        assertEquals(1, ofDave.stream().filter(e -> e.getString("action").equals("login.locked")).count(),
                "one login.locked: when the eleventh failure started the lock, none per refused attempt");
        assertEquals(11, ofDave.stream().filter(e -> e.getString("action").equals("login.failure")).count());
        for (JsonObject event : ofDave) {
            assertEquals("127.0.0.2", event.getString("ip"), "the client address of the login");
            assertTrue(event.isNull("project_id"));
        }
        assertTrue(only(ofDave, "login.locked", null).getJsonObject("details").getInt("locked_seconds") > 0);
    }

    @Test
    @RunAsClient
    void failedChangesAndChangesThatChangeNothingLeaveNoEvent() {
        Person erin = member(project, "editor");
        String taken = root.getProject(project).object().getString("name");
        JsonObject token = fixtures.token(project, "admin");
        String editorSecret = fixtures.secret(project, "editor");
        List<JsonObject> before = auditOf(root, "api/audit?limit=200");

        assertProblem(root.createProject(taken), 409, "CONFLICT");
        assertProblem(root.createToken(project, TokenSpec.of(token.getString("name"), "viewer")), 409, "CONFLICT");
        assertProblem(root.as(editorSecret).createToken(project, TokenSpec.of("nope", "viewer")), 403, "FORBIDDEN");
        assertProblem(root.createBroker(project, "bad", "http://not-a-broker"), 400, "VALIDATION_FAILED");
        assertProblem(root.putMember(project, Fixtures.unique("ghost"), "viewer"), 404, "NOT_FOUND");
        assertProblem(root.createUser(erin.username(), password()), 409, "CONFLICT");
        assertProblem(root.deleteUser(Fixtures.unique("ghost")), 404, "NOT_FOUND");
        assertProblem(root.deleteToken(project, "00000000-0000-0000-0000-000000000000"), 404, "NOT_FOUND");
        assertProblem(root.removeMember(project, Fixtures.unique("ghost")), 404, "NOT_FOUND");
        putMemberAs(root, erin.username(), "editor");
        JsonObject same = root.getBroker(project, broker).object();
        assertEquals(200, root.updateBroker(project, broker, same.getString("name"), same.getString("url")).status());

        assertEquals(before, auditOf(root, "api/audit?limit=200"), "no refused request left an event");
    }

    @Test
    @RunAsClient
    void auditIsPagedByBeforeAndLimitNewestFirst() throws Exception {
        String paged = fixtures.project();
        for (int i = 0; i < 95; i++) {
            assertEquals(200, root.createBroker(paged, "fast-" + i, "mqtt://h.local").status());
        }
        for (int i = 0; i < 6; i++) {
            Thread.sleep(3); // distinct milliseconds: "before" pages by time
            assertEquals(200, root.createBroker(paged, "slow-" + i, "mqtt://h.local").status());
        }
        String path = Api.project(paged) + "/audit";
        List<JsonObject> all = auditOf(root, path + "?limit=1000");
        assertEquals(102, all.size(), "project.create and 101 broker.create");
        assertNewestFirst(all);
        assertEquals("broker.create slow-5", all.get(0).getString("action") + " " + all.get(0).getString("target_name"));
        assertEquals(all.subList(0, 100), auditOf(root, path), "100 by default");

        List<JsonObject> pages = new ArrayList<>();
        String query = "?limit=2";
        for (int page = 0; page < 3; page++) {
            List<JsonObject> events = auditOf(root, path + query);
            assertEquals(2, events.size());
            pages.addAll(events);
            query = "?limit=2&before=" + events.get(1).getJsonNumber("at").longValue();
        }
        assertEquals(all.subList(0, 6), pages, "three pages of two are the newest six, in order");
        long newest = all.get(0).getJsonNumber("at").longValue();
        assertEquals(all.subList(1, 3), auditOf(root, path + "?limit=2&before=" + newest), "before is exclusive");
        assertEquals(List.of(), auditOf(root, path + "?before=0"));
        // up to this test's newest event: an event of another test stamped while it had moved the server's
        // clock forward (ServerClock) is newer for a while, on this server or on a database that outlived it
        assertEquals(all.subList(0, 5), auditOf(root, "api/audit?limit=5&before=" + (newest + 1)),
                "the newest events of the platform");

        for (String route : List.of(path, "api/audit")) {
            for (String bad : List.of("limit=0", "limit=1001", "limit=ten", "limit=-1", "limit=1.5", "limit=")) {
                assertProblem(root.get(route + "?" + bad), 400, "VALIDATION_FAILED", "limit");
            }
            for (String bad : List.of("before=-1", "before=yesterday", "before=1e3", "before=99999999999999999999")) {
                assertProblem(root.get(route + "?" + bad), 400, "VALIDATION_FAILED", "before");
            }
        }
    }

    @Test
    @RunAsClient
    void projectAuditIsForAdminsOfThatProjectAndThePlatformAuditForRootOnly() {
        String path = Api.project(project) + "/audit";
        assertEquals(200, signIn(member(project, "admin")).get(path).status());
        assertEquals(200, root.as(fixtures.secret(project, "admin")).get(path).status());
        for (String role : List.of("viewer", "editor")) {
            assertForbidden(signIn(member(project, role)).get(path));
            assertForbidden(root.as(fixtures.secret(project, role)).get(path));
        }
        assertForbidden(root.as(fixtures.secret(project, "admin", broker)).get(path));
        String other = fixtures.project();
        Person adminElsewhere = member(other, "admin");
        assertForbidden(signIn(adminElsewhere).get(path));
        assertForbidden(root.as(fixtures.secret(other, "admin")).get(path));
        assertForbidden(signIn(adminElsewhere).get("api/audit"));
        assertForbidden(root.as(fixtures.secret(project, "admin")).get("api/audit"));
        assertUnauthorized(root.anonymous().get(path));
        assertUnauthorized(root.anonymous().get("api/audit"));
        assertProblem(root.get(Api.project("00000000-0000-0000-0000-000000000000") + "/audit"), 404, "NOT_FOUND");
    }

    @Test
    @RunAsClient
    void noSecretHashOrPasswordIsInAnyEvent() {
        Person frank = member(project, "admin");
        Api asFrank = signIn(frank);
        assertEquals(401, login(frank.username(), password()).status());
        JsonObject token = asFrank.createToken(project, TokenSpec.of(Fixtures.unique("s").substring(0, 10), "admin")).object();
        String secret = token.getString("token");
        JsonObject child = root.as(secret).createToken(project, TokenSpec.of(Fixtures.unique("s").substring(0, 10), "viewer")).object();
        assertEquals(200, root.as(secret).deleteToken(project, child.getString("id")).status());

        for (String path : List.of("api/audit?limit=1000", Api.project(project) + "/audit?limit=1000")) {
            Api.Reply reply = root.get(path);
            assertEquals(200, reply.status(), reply::toString);
            assertSafe(reply);
            for (String leaked : List.of(secret, token.getString("hash"), child.getString("token"),
                    child.getString("hash"), Asserts.sha256(secret), frank.password())) {
                assertFalse(reply.body().contains(leaked), "a secret, hash or password in an event");
            }
            assertTrue(reply.body().contains(token.getString("id")), "the events are there");
        }
    }

    private void putMemberAs(Api api, String username, String role) {
        Api.Reply reply = api.putMember(project, username, role);
        assertEquals(200, reply.status(), reply::toString);
    }

    private static List<JsonObject> auditOf(Api api, String path) {
        Api.Reply reply = api.get(path);
        assertEquals(200, reply.status(), reply::toString);
        assertSafe(reply);
        return reply.array().stream().map(JsonValue::asJsonObject).toList();
    }

    /** The one event with this action and target name (any target name if null). */
    private static JsonObject only(List<JsonObject> events, String action, String targetName) {
        List<JsonObject> found = events.stream().filter(e -> e.getString("action").equals(action)
                && (targetName == null || targetName.equals(e.getString("target_name", null)))).toList();
        assertEquals(1, found.size(), () -> action + " " + targetName + " in " + events);
        return found.get(0);
    }

    /** The actions of {@code actor}'s events, newest first. */
    private static List<String> actionsOf(List<JsonObject> events, String actor) {
        return events.stream().filter(e -> e.getString("actor").equals(actor)).map(e -> e.getString("action")).toList();
    }

    private static void assertNewestFirst(List<JsonObject> events) {
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i - 1).getJsonNumber("at").longValue() >= events.get(i).getJsonNumber("at").longValue(),
                    "newest first: " + events);
        }
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }
}
