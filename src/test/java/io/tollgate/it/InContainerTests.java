package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.access.control.AccessPolicy;
import io.tollgate.access.control.CallerResolver;
import io.tollgate.access.control.ProjectRoles;
import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;
import io.tollgate.audit.boundary.AuditEvents;
import io.tollgate.audit.boundary.AuditRetention;
import io.tollgate.audit.boundary.AuditTrail;
import io.tollgate.audit.entity.AuditAction;
import io.tollgate.audit.entity.AuditEvent;
import io.tollgate.audit.entity.AuditPage;
import io.tollgate.auth.boundary.Logins;
import io.tollgate.brokers.entity.BrokerUrl;
import io.tollgate.errors.Conflict;
import io.tollgate.hooks.control.ClientSecrets;
import io.tollgate.errors.Forbidden;
import io.tollgate.errors.InvalidField;
import io.tollgate.errors.Malformed;
import io.tollgate.errors.NotFound;
import io.tollgate.errors.TooLarge;
import io.tollgate.errors.TooManyAttempts;
import io.tollgate.errors.Unauthorized;
import io.tollgate.errors.Unavailable;
import io.tollgate.errors.UnsupportedContentType;
import io.tollgate.members.boundary.Members;
import io.tollgate.problems.boundary.ConstraintViolationExceptionMapper;
import io.tollgate.problems.boundary.DomainExceptionMapper;
import io.tollgate.problems.boundary.UnexpectedExceptionMapper;
import io.tollgate.problems.boundary.WebApplicationExceptionMapper;
import io.tollgate.projects.boundary.Projects;
import io.tollgate.requests.control.RequestValidator;
import io.tollgate.tokens.boundary.TokenBody;
import io.tollgate.tokens.boundary.ActiveTokens;
import io.tollgate.usage.boundary.UsageLog;
import io.tollgate.usage.control.UseChunks;
import io.tollgate.tokens.boundary.Tokens;
import io.tollgate.usage.boundary.UsageWriter;
import io.tollgate.usage.entity.TokenUse;
import io.tollgate.usage.entity.UseOutcome;
import io.tollgate.tokens.control.TokenSecrets;
import io.tollgate.tokens.entity.TokenRequest;
import io.tollgate.tokens.entity.TokenType;
import io.tollgate.users.boundary.Users;
import io.tollgate.users.control.Passwords;
import io.tollgate.users.entity.User;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import jakarta.transaction.UserTransaction;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Rules checked inside the running server, on the boundaries themselves (injected), where an HTTP
 * test would only see their sum: no-escalation in {@link Tokens#create}, the role table with the
 * database's memberships, rollback of a failed create, every exception mapper's status and body, the
 * session JWT accepted by the server's own verifier, and the token cache emptied when a delete commits.
 * <p>
 * These tests run in {@link DeployedSuitesIT}'s deployment, with the HTTP suites of its chain: a Payara
 * start costs more than all of them, and Arquillian runs in-container tests and {@code @RunAsClient}
 * ones on one (testable) deployment. The deployment is {@link DeployedWarTest}'s: the packaged WAR plus
 * the classes of the chain and the helpers they load. A test here has no {@code @RunAsClient}; every
 * test of the rest of the chain has its own.
 */
abstract class InContainerTests extends DeployedWarTest {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    Projects projects;

    @Inject
    Tokens tokens;

    @Inject
    Members members;

    @Inject
    Users users;

    @Inject
    ProjectRoles roles;

    @Inject
    CallerResolver callers;

    @Inject
    ActiveTokens activeTokens;

    @Inject
    UserTransaction transaction;

    @Inject
    DomainExceptionMapper domainExceptions;

    @Inject
    WebApplicationExceptionMapper webExceptions;

    @Inject
    UnexpectedExceptionMapper unexpected;

    /**
     * In the container (the boundaries are injected), a fresh {@code project} made by the boundary; on
     * the client, where nothing is injected, the HTTP fixtures of the subclass's {@code @RunAsClient} tests.
     */
    @Override
    @BeforeEach
    void setUp() throws Exception {
        if (projects == null) {
            super.setUp();
            return;
        }
        project = projects.create(unique("p")).id();
    }

    // ---- no escalation in Tokens.create

    @Tag(RuntimeSubset.TAG)
    @Test
    void editorTokenCannotCreateAnAdminTokenButMayCreateAnEditorOne() {
        Caller editor = tokenCaller(Role.EDITOR, null);
        Forbidden refused = assertThrows(Forbidden.class, () -> tokens.create(project, request(Role.ADMIN, null), editor));
        assertEquals(403, DomainExceptionMapper.problemOf(refused).status());
        assertEquals("FORBIDDEN", DomainExceptionMapper.problemOf(refused).code());
        assertEquals("editor", tokens.create(project, request(Role.EDITOR, null), editor).getString("role_id"));
        assertEquals(2, tokens.list(project, null, null).size(), "the refused token was not stored");
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void editorMemberCannotCreateAnAdminToken() {
        String person = newUser();
        members.put(project, person, Role.EDITOR);
        Caller editor = Caller.user(person, System.currentTimeMillis() + 3_600_000);
        Forbidden refused = assertThrows(Forbidden.class, () -> tokens.create(project, request(Role.ADMIN, null), editor));
        assertEquals(403, DomainExceptionMapper.problemOf(refused).status());
        assertEquals("viewer", tokens.create(project, request(Role.VIEWER, null), editor).getString("role_id"));
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void tokenCannotCreateATokenThatOutlivesIt() {
        long creatorValidDate = System.currentTimeMillis() + 2 * 86_400_000L;
        Caller creator = tokenCaller(Role.ADMIN, creatorValidDate);
        String later = Long.toString(creatorValidDate + 1);
        InvalidField refused = assertThrows(InvalidField.class, () -> tokens.create(project, request(Role.VIEWER, later), creator));
        assertEquals(400, DomainExceptionMapper.problemOf(refused).status());
        assertEquals("valid_date", refused.field());
        JsonObject defaulted = tokens.create(project, request(Role.VIEWER, null), creator);
        assertEquals(creatorValidDate, defaulted.getJsonNumber("valid_date").longValue(),
                "without a valid_date the new token ends with its creator, not 30 days later");
    }

    // ---- the role table with the real ProjectRoles

    @Tag(RuntimeSubset.TAG)
    @Test
    void memberRoleComesFromTheDatabaseAndDecidesTheRoleTable() {
        String person = newUser();
        Caller caller = Caller.user(person, System.currentTimeMillis() + 3_600_000);
        assertNull(roles.of(caller, project), "no membership, no role");
        assertFalse(AccessPolicy.permits(caller, roles.of(caller, project), Role.VIEWER, Scope.PROJECT_READ, null));

        members.put(project, person, Role.EDITOR);
        Role editor = roles.of(caller, project);
        assertEquals(Role.EDITOR, editor);
        assertTrue(AccessPolicy.permits(caller, editor, Role.EDITOR, Scope.BROKER, "any-broker"));
        assertFalse(AccessPolicy.permits(caller, editor, Role.ADMIN, Scope.PROJECT, null), "editor is not admin");
        assertFalse(AccessPolicy.permits(caller, editor, Role.ROOT, Scope.PLATFORM, null));

        members.put(project, person, Role.VIEWER);
        assertEquals(Role.VIEWER, roles.of(caller, project), "a role change applies on the next lookup");
        String elsewhere = projects.create(unique("other")).id();
        assertNull(roles.of(caller, elsewhere), "a membership gives no role in another project");
        assertFalse(AccessPolicy.permits(caller, roles.of(caller, elsewhere), Role.VIEWER, Scope.BROKERS, null));
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void tokenOfAnotherProjectHasNoRoleHere() {
        Caller admin = tokenCaller(Role.ADMIN, null);
        String elsewhere = projects.create(unique("other")).id();
        assertEquals(Role.ADMIN, roles.of(admin, project));
        assertNull(roles.of(admin, elsewhere));
        assertFalse(AccessPolicy.permits(admin, roles.of(admin, elsewhere), Role.VIEWER, Scope.PROJECT_READ, null));
        assertEquals(Role.ROOT, roles.of(Caller.root(), elsewhere));
    }

    // ---- transactions

    @Tag(RuntimeSubset.TAG)
    @Test
    void failedCreateRollsBackEverythingItsTransactionWrote() throws Exception {
        Caller editor = tokenCaller(Role.EDITOR, null);
        String name = unique("rolled-back");
        transaction.begin();
        String written;
        try {
            written = projects.create(name).id();
            assertThrows(Forbidden.class, () -> tokens.create(written, request(Role.ADMIN, null), editor));
        } catch (RuntimeException | Error e) {
            transaction.rollback();
            throw e;
        }
        assertThrows(RollbackException.class, transaction::commit, "a refused create marks its transaction for rollback");
        NotFound gone = assertThrows(NotFound.class, () -> projects.require(written));
        assertEquals(404, DomainExceptionMapper.problemOf(gone).status());
        assertTrue(projects.visibleTo(Caller.root()).stream().noneMatch(p -> p.id().equals(written)));
    }

    // ---- the token cache

    @Tag(RuntimeSubset.TAG)
    @Test
    void deletedTokenLeavesTheCacheWhenTheDeleteCommits() throws Exception {
        JsonObject created = tokens.create(project, request(Role.VIEWER, null), Caller.root());
        String hash = TokenSecrets.hash(created.getString("token"));
        assertNotNull(activeTokens.byHash(hash), "found, and now cached");
        assertNotNull(activeTokens.byHash(hash));

        transaction.begin();
        tokens.delete(project, created.getString("id"));
        transaction.rollback();
        assertNotNull(activeTokens.byHash(hash), "a delete that rolled back revokes nothing");

        tokens.delete(project, created.getString("id"));
        assertNull(activeTokens.byHash(hash), "gone from the cache once the delete committed");
        assertNull(callers.resolve(created.getString("token"), System.currentTimeMillis()));
    }

    /**
     * On PostgreSQL the other nodes of a cluster hear of a change through the change's own
     * transaction (tokens.boundary.ClusterInvalidation): a delete that rolled back notifies nobody, a
     * committed one notifies its token's id. On H2 (embedded: one node) nothing listens and the token
     * cache is trusted for good. (No assumption: an aborted in-container test is an error to Arquillian.)
     */
    @Tag(RuntimeSubset.TAG)
    @Test
    void onPostgresTheOtherNodesHearOfACommittedDeleteNeverOfOneThatRolledBackAndOnH2NothingListens() throws Exception {
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("tollgate.db.url", String.class);
        boolean listening = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("tollgate-token-invalidation"));
        if (!url.startsWith("jdbc:postgresql:")) {
            assertFalse(listening, "no invalidation listener on " + url);
            assertTrue(activeTokens.cache().trusted(), "a single node's cache is trusted for good");
            return;
        }
        assertTrue(listening, "this node listens for the other nodes' changes");
        String rolledBack = tokens.create(project, request(Role.VIEWER, null), Caller.root()).getString("id");
        String committed = tokens.create(project, request(Role.VIEWER, null), Caller.root()).getString("id");
        try (java.sql.Connection otherNode = io.tollgate.storage.control.ConfiguredDataSource.unpooled().getConnection();
             java.sql.Statement listen = otherNode.createStatement()) {
            listen.execute("LISTEN " + io.tollgate.tokens.control.InvalidationListener.CHANNEL);
            transaction.begin();
            tokens.delete(project, rolledBack);
            transaction.rollback();
            tokens.delete(project, committed);
            List<String> heard = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            org.postgresql.PGConnection notifications = otherNode.unwrap(org.postgresql.PGConnection.class);
            while (!heard.contains(committed) && System.nanoTime() < deadline) {
                org.postgresql.PGNotification[] received = notifications.getNotifications(250);
                for (int i = 0; received != null && i < received.length; i++) {
                    heard.add(received[i].getParameter());
                }
            }
            assertTrue(heard.contains(committed), "the committed delete was heard: " + heard);
            assertFalse(heard.contains(rolledBack), "the rolled-back delete was not: " + heard);
        }
    }

    // ---- every exception mapper: status and body

    @Tag(RuntimeSubset.TAG)
    @Test
    void domainExceptionMapperGivesEachDomainFailureItsStatusAndBody() {
        assertBody(domainExceptions.toResponse(new InvalidField("name", "name is required")),
                400, "VALIDATION_FAILED", "name is required", Map.of("field", "name"));
        assertBody(domainExceptions.toResponse(new Malformed("not JSON")), 400, "MALFORMED_REQUEST", "not JSON", Map.of());
        Response unauthorized = domainExceptions.toResponse(new Unauthorized("no credential"));
        assertBody(unauthorized, 401, "UNAUTHORIZED", "no credential", Map.of("reason", "invalid"));
        assertEquals("Bearer", unauthorized.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        assertBody(domainExceptions.toResponse(new Forbidden("not yours")), 403, "FORBIDDEN", "not yours", Map.of());
        assertBody(domainExceptions.toResponse(new NotFound("no such")), 404, "NOT_FOUND", "no such", Map.of());
        assertBody(domainExceptions.toResponse(new Conflict("name", "taken")), 409, "CONFLICT", "taken",
                Map.of("field", "name"));
        assertBody(domainExceptions.toResponse(new TooLarge(65536)), 413, "PAYLOAD_TOO_LARGE",
                "request body exceeds 65536 bytes", Map.of("limit", "65536"));
        assertBody(domainExceptions.toResponse(new UnsupportedContentType("json only")), 415, "UNSUPPORTED_MEDIA_TYPE",
                "json only", Map.of());
        Response throttled = domainExceptions.toResponse(new TooManyAttempts("slow down", 42));
        assertBody(throttled, 429, "TOO_MANY_REQUESTS", "slow down", Map.of("retry_after_seconds", "42"));
        assertEquals("42", throttled.getHeaderString(HttpHeaders.RETRY_AFTER));
        assertBody(domainExceptions.toResponse(new Unavailable("down")), 503, "SERVICE_UNAVAILABLE", "down", Map.of());
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void webApplicationExceptionMapperAnswersWhatJaxRsRejectedInTheErrorBody() {
        assertBody(webExceptions.toResponse(new NotFoundException()), 404, "NOT_FOUND", "no such resource", Map.of());
        Response notAllowed = webExceptions.toResponse(new NotAllowedException("GET", new String[] {"POST"}));
        assertBody(notAllowed, 405, "METHOD_NOT_ALLOWED", "method not allowed on this resource", Map.of());
        String allow = notAllowed.getHeaderString(HttpHeaders.ALLOW);
        assertNotNull(allow, "the Allow header is kept");
        assertTrue(allow.contains("GET") && allow.contains("POST"), allow);
        assertBody(webExceptions.toResponse(new NotSupportedException()), 415, "UNSUPPORTED_MEDIA_TYPE",
                "request body must be application/json", Map.of());
        assertBody(webExceptions.toResponse(new NotAcceptableException()), 406, "NOT_ACCEPTABLE",
                "this resource only produces application/json", Map.of());
        Response internal = webExceptions.toResponse(new WebApplicationException("secret detail", 500));
        assertBody(internal, 500, "INTERNAL_ERROR", "internal error", Map.of());
        assertFalse(((String) internal.getEntity()).contains("secret detail"));
        assertEquals(400, webExceptions.toResponse(new BadRequestException()).getStatus());
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void lastResortMapperHidesTheDetailBehindAnErrorIdAndKeepsDecidedFailures() {
        Response failure = unexpected.toResponse(new IllegalStateException("tg_secret-in-a-message"));
        JsonObject body = assertProblem(failure, 500, "INTERNAL_ERROR");
        assertFalse(body.toString().contains("tg_secret"), body.toString());
        UUID.fromString(body.getJsonObject("info").getString("error_id"));
        assertEquals(List.of("error_id"), List.copyOf(body.getJsonObject("info").keySet()));

        assertBody(unexpected.toResponse(new RuntimeException(new NotFound("no project"))),
                404, "NOT_FOUND", "no project", Map.of());
        assertBody(unexpected.toResponse(new RuntimeException(new NotFoundException())),
                404, "NOT_FOUND", "no such resource", Map.of());
    }

    // ---- the session JWT: minted at login, accepted by the server's verifier

    @Tag(RuntimeSubset.TAG)
    @Test
    void sessionJwtFromLoginIsAcceptedByTheServersVerifierAndATamperedOneIsNot() throws Exception {
        String person = unique("jwt");
        String password = "a-long-password-" + person;
        users.create(person, password);
        HttpResponse<String> login = http("POST", "api/auth/login", null,
                Json.createObjectBuilder().add("username", person).add("password", password).build().toString());
        assertEquals(200, login.statusCode(), login.body());
        String jwt = json(login.body()).getString("token");
        JsonObject claims = json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
        assertEquals(person, claims.getString("upn"));

        HttpResponse<String> whoami = http("GET", "api/auth/whoami", jwt, null);
        assertEquals(200, whoami.statusCode(), whoami.body());
        assertEquals("user", json(whoami.body()).getString("kind"));
        assertEquals(person, json(whoami.body()).getString("name"));

        String[] parts = jwt.split("\\.");
        char last = parts[2].charAt(parts[2].length() - 2);
        String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        assertEquals(401, http("GET", "api/auth/whoami", tampered, null).statusCode(), "a changed signature is refused");

        users.delete(person);
        users.create(person, password);
        assertEquals(401, http("GET", "api/auth/whoami", jwt, null).statusCode(),
                "the session of a deleted user is not inherited by a new user of the same name");
    }

    // ---- helpers (methods of this class only: no other test class goes into the deployment)

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static TokenRequest request(Role role, String validDate) {
        return new TokenRequest(unique("t"), role, TokenType.UNRESTRICTED, Set.of(), validDate);
    }

    /** A real token of {@link #project}, created by root and resolved as a request would resolve it. */
    private Caller tokenCaller(Role role, Long validDate) {
        JsonObject created = tokens.create(project, request(role, validDate == null ? null : validDate.toString()), Caller.root());
        Caller caller = callers.resolve(created.getString("token"), System.currentTimeMillis());
        assertNotNull(caller);
        assertEquals(Caller.Kind.TOKEN, caller.kind());
        return caller;
    }

    private String newUser() {
        String name = unique("u");
        users.create(name, "a-long-password-" + name);
        return name;
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static JsonObject assertProblem(Response response, int status, String code) {
        assertEquals(status, response.getStatus());
        assertTrue(response.getMediaType().toString().startsWith("application/json"), response.getMediaType().toString());
        JsonObject body = json((String) response.getEntity());
        assertEquals(List.of("code", "info", "message", "status"), body.keySet().stream().sorted().toList());
        assertEquals(code, body.getString("code"));
        assertEquals(status, body.getInt("status"));
        return body;
    }

    private static void assertBody(Response response, int status, String code, String message, Map<String, String> info) {
        JsonObject body = assertProblem(response, status, code);
        assertEquals(message, body.getString("message"));
        JsonObject infoJson = body.getJsonObject("info");
        assertEquals(info.keySet(), infoJson.keySet());
        info.forEach((key, value) -> assertEquals(value, infoJson.getString(key), key));
    }

    private HttpResponse<String> http(String method, String path, String bearer, String json) throws Exception {
        assertNotNull(base, "the deployment's URL inside the container");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/?$", "/")).resolve(path))
                .timeout(HTTP_TIMEOUT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(HTTP_TIMEOUT).build();
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- password hashing by the container's Pbkdf2PasswordHash, old hashes still verifying

    /** Made by the application's own PBKDF2 code before it used the container's (password {@value #LEGACY_PASSWORD}). */
    private static final String LEGACY_HASH = "pbkdf2-sha256$210000$c3DuVBLKaMMu0ZcMyw9x6A$ZE4EFM8FZKsisOMpu27+8nEzYGzmuhS3+DI2Zz3U4Qo";
    private static final String LEGACY_PASSWORD = "legacy password 2026";

    @Inject
    Passwords passwords;

    @Inject
    Logins logins;

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    /**
     * The iteration count this server was given (the suites' servers hash at the library's minimum,
     * TOLLGATE_PASSWORD_ITERATIONS in the POM); unset, the default, which {@code PasswordsTest} pins to 210 000.
     */
    private static final String ITERATIONS = System.getenv().getOrDefault("TOLLGATE_PASSWORD_ITERATIONS", "210000");

    @Tag(RuntimeSubset.TAG)
    @Test
    void newHashIsTheContainersPbkdf2FormatAtTheConfiguredStrengthAndVerifies() {
        String stored = passwords.hash("correct horse battery staple");
        String[] parts = stored.split(":");
        assertEquals(4, parts.length, stored);
        assertEquals("PBKDF2WithHmacSHA256", parts[0]);
        assertEquals(ITERATIONS, parts[1]);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length, "salt bytes");
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length, "key bytes");
        assertFalse(stored.contains("correct horse"));
        assertFalse(stored.equals(passwords.hash("correct horse battery staple")), "a fresh salt each time");
        assertTrue(passwords.matches("correct horse battery staple", stored));
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void wrongPasswordDoesNotMatchANewHash() {
        String stored = passwords.hash("correct horse battery staple");
        assertFalse(passwords.matches("correct horse battery stapl", stored));
        assertFalse(passwords.matches("", stored));
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void hashInTheOldFormatStillVerifiesAndStillRefusesAWrongPassword() {
        assertTrue(passwords.matches(LEGACY_PASSWORD, LEGACY_HASH));
        assertFalse(passwords.matches("legacy password 2025", LEGACY_HASH));
    }

    /** An unknown user is checked against a decoy hash; not even the decoy's own password matches it. */
    @Tag(RuntimeSubset.TAG)
    @Test
    void nullStoredHashSaysNoEvenToTheDecoysPassword() {
        assertFalse(passwords.matches("decoy-password-never-matches-anything", null));
        assertFalse(passwords.matches(LEGACY_PASSWORD, null));
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void malformedStoredHashSaysNoInsteadOfThrowing() {
        for (String stored : List.of("", "garbage", "pbkdf2-sha256$many$c3Du$ZE4E", "pbkdf2-sha256$210000$c3Du$not base64!",
                "PBKDF2WithHmacSHA256:210000:c3Du", "MD5:1:c3Du:ZE4E")) {
            assertFalse(passwords.matches(LEGACY_PASSWORD, stored), stored);
        }
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void userCreatedNowIsStoredInTheContainersFormatAndLogsIn() {
        String name = unique("pw");
        users.create(name, "a-long-password-" + name);
        assertTrue(users.find(name).passwordHash().startsWith("PBKDF2WithHmacSHA256:" + ITERATIONS + ":"), users.find(name).passwordHash());
        assertFalse(logins.login(name, "a-long-password-" + name, "127.0.0.1").getString("token").isEmpty());
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void userWhoseRowStillHoldsAnOldFormatHashLogsInWithItsPassword() throws Exception {
        String name = unique("legacy");
        transaction.begin();
        em.persist(new User(name, LEGACY_HASH, System.currentTimeMillis()));
        transaction.commit();
        try {
            assertFalse(logins.login(name, LEGACY_PASSWORD, "127.0.0.1").getString("token").isEmpty());
            Unauthorized refused = assertThrows(Unauthorized.class, () -> logins.login(name, "legacy password 2025", "127.0.0.1"));
            assertEquals(401, DomainExceptionMapper.problemOf(refused).status());
        } finally {
            users.delete(name);
        }
    }

    // ---- Bean Validation: the container's validator and the one ConstraintViolationException mapper

    @Inject
    RequestValidator requestValidator;

    @Inject
    ConstraintViolationExceptionMapper violations;

    @Tag(RuntimeSubset.TAG)
    @Test
    void constraintViolationMapperNamesTheFirstBrokenFieldOfTheRequestInSnakeCase() {
        TokenBody allWrong = new TokenBody(" ", "root", "partial", List.of("b1"), null);
        ConstraintViolationException refused = assertThrows(ConstraintViolationException.class,
                () -> requestValidator.valid(allWrong));
        assertTrue(refused.getConstraintViolations().size() >= 3, refused.getConstraintViolations()::toString);
        assertBody(violations.toResponse(refused), 400, "VALIDATION_FAILED", "name must be 1 to 30 characters long",
                Map.of("field", "name"));

        TokenBody restrictedWithoutBrokers = new TokenBody("n", "viewer", "restricted", List.of(), "2027-01-01");
        ConstraintViolationException brokers = assertThrows(ConstraintViolationException.class,
                () -> requestValidator.valid(restrictedWithoutBrokers));
        assertBody(violations.toResponse(brokers), 400, "VALIDATION_FAILED",
                "brokers must list at least one broker for a restricted token", Map.of("field", "brokers"));

        TokenBody valid = new TokenBody("  n  ", "viewer", null, null, null);
        assertEquals("n", requestValidator.valid(valid).toRequest().name());
    }

    // ---- the audit trail: an event commits with its change, or not at all

    @Inject
    AuditTrail auditTrail;

    @Inject
    AuditEvents auditEvents;

    @Inject
    AuditRetention auditRetention;

    @Tag(RuntimeSubset.TAG)
    @Test
    void rolledBackChangeLeavesNoEventAndACommittedOneHasItsEvent() throws Exception {
        String rolledBack = unique("rolled-back");
        transaction.begin();
        try {
            projects.create(rolledBack);
            assertEquals(1, eventsNamed(rolledBack).size(), "inside the transaction the event is there");
        } finally {
            transaction.rollback();
        }
        assertEquals(List.of(), eventsNamed(rolledBack), "the rolled-back create left no event");

        String refusedUser = newUser();
        int before = eventsNamed(refusedUser).size();
        assertThrows(Conflict.class, () -> users.create(refusedUser, "a-long-password-" + refusedUser));
        assertEquals(before, eventsNamed(refusedUser).size(), "a refused create (409) left no event");

        String committed = unique("committed");
        String id = projects.create(committed).id();
        List<AuditEvent> events = eventsNamed(committed);
        assertEquals(1, events.size(), "the committed create has its event");
        JsonObject event = events.get(0).toJson();
        assertEquals("project.create", event.getString("action"));
        assertEquals(id, event.getString("project_id"));
        assertEquals(id, event.getString("target_id"));
        assertEquals(AuditTrail.SYSTEM, event.getString("actor"), "no API request, no caller: the system acted");
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void recordingOutsideATransactionIsRefusedAndWritesNothing() {
        String name = unique("no-transaction");
        assertThrows(TransactionalException.class, () -> auditTrail.action(AuditAction.PROJECT_CREATE)
                .target(name, name).record());
        assertEquals(List.of(), eventsNamed(name));
        auditTrail.action(AuditAction.LOGIN_FAILURE).target(name, name).recordAlone();
        assertEquals(1, eventsNamed(name).size(), "recordAlone commits on its own (failed logins)");
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void retentionDeletesOldEventsInChunksAndKeepsRecentOnes() throws Exception {
        long old = System.currentTimeMillis() - Duration.ofDays(400).toMillis();
        String marker = unique("old");
        int count = 2_100;
        transaction.begin();
        for (int i = 0; i < count; i++) {
            em.persist(new AuditEvent(old + i, "root", "broker.create", null, marker, marker, null, null));
        }
        transaction.commit();
        String recent = unique("recent");
        projects.create(recent);
        assertEquals(count, auditEvents.all(new AuditPage(1000, old + count)).stream()
                .filter(e -> marker.equals(e.toJson().getString("target_name"))).count()
                + auditEvents.all(new AuditPage(1000, old + count - 1000)).stream()
                .filter(e -> marker.equals(e.toJson().getString("target_name"))).count()
                + auditEvents.all(new AuditPage(1000, old + count - 2000)).stream()
                .filter(e -> marker.equals(e.toJson().getString("target_name"))).count(),
                "paged by before, three pages hold every old event once");

        assertTrue(auditRetention.purge() >= count, "more than two chunks of 1000 in one run");
        assertEquals(List.of(), auditEvents.all(new AuditPage(1000, old + count)).stream()
                .filter(e -> marker.equals(e.toJson().getString("target_name"))).toList());
        assertEquals(1, eventsNamed(recent).size(), "a recent event stays");
    }

    /** The events whose target_name is {@code name}, among the newest 1000. */
    private List<AuditEvent> eventsNamed(String name) {
        return auditEvents.all(new AuditPage(1000, Long.MAX_VALUE)).stream()
                .filter(e -> name.equals(e.toJson().getString("target_name", null)))
                .toList();
    }

    // ---- the usage log's rows: cascade with the token and its project, retention

    @Inject
    UsageWriter usageWriter;

    @Inject
    UsageLog usageLog;

    private void recordUses(String tokenId, long firstAt, int count) {
        for (int i = 0; i < count; i++) {
            usageWriter.record(new TokenUse(tokenId, firstAt + i, UseOutcome.OK, 200, "GET", "/api/x", "192.0.2.1", null));
        }
    }

    private int usageRows(String tokenId) {
        return usageLog.page(tokenId, Long.MAX_VALUE, Integer.MAX_VALUE).size();
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void aTokensUsageGoesWithTheTokenAndWithItsProject() {
        String first = tokens.create(project, request(Role.VIEWER, null), Caller.root()).getString("id");
        String second = tokens.create(project, request(Role.VIEWER, null), Caller.root()).getString("id");
        long now = System.currentTimeMillis();
        recordUses(first, now, 3);
        recordUses(second, now, 2);
        assertTrue(usageWriter.flush());
        assertEquals(3, usageRows(first));
        assertEquals(2, usageRows(second));

        tokens.delete(project, first);
        assertEquals(0, usageRows(first), "deleting the token deletes its usage");
        assertEquals(2, usageRows(second));
        projects.delete(project);
        assertEquals(0, usageRows(second), "deleting the project deletes its tokens' usage");
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void aUseOfATokenDeletedBeforeTheFlushIsLeftOutAndTheRestOfTheBatchIsWritten() {
        String kept = tokens.create(project, request(Role.VIEWER, null), Caller.root()).getString("id");
        String gone = tokens.create(project, request(Role.VIEWER, null), Caller.root()).getString("id");
        long now = System.currentTimeMillis();
        recordUses(gone, now, 2);
        recordUses(kept, now, 2);
        tokens.delete(project, gone);
        assertTrue(usageWriter.flush(), "the batch is written");
        assertEquals(0, usageRows(gone));
        assertEquals(2, usageRows(kept));
    }

    @Tag(RuntimeSubset.TAG)
    @Test
    void retentionDeletesUsesPastTheRetentionAndEachTokensUsesBeyondTheNewestKeptInWholeChunks() throws Exception {
        String busy = tokens.create(project, request(Role.VIEWER, null), Caller.root()).getString("id");
        String quiet = tokens.create(project, request(Role.VIEWER, null), Caller.root()).getString("id");
        long now = System.currentTimeMillis();
        long old = now - Duration.ofDays(91).toMillis();
        recordUses(quiet, old, 3);
        recordUses(quiet, now - Duration.ofDays(89).toMillis(), 2);
        int keep = 10_000; // tollgate.usage.keep's default
        int recorded = keep + 2500;
        recordUses(busy, now - 60_000, recorded);
        assertTrue(usageWriter.flush());
        assertEquals(5, usageRows(quiet));
        assertEquals(recorded, usageRows(busy));

        usageWriter.cleanUp(now);
        assertEquals(2, usageRows(quiet), "uses older than 90 days are gone, younger ones stay");
        var kept = usageLog.page(busy, Long.MAX_VALUE, Integer.MAX_VALUE);
        assertTrue(kept.size() >= keep && kept.size() < keep + UseChunks.MAX_USES,
                "at least the newest 10 000 stay, and less than a chunk more: " + kept.size());
        assertEquals(now - 60_000 + recorded - 1, kept.get(0).at(), "the newest stay");
        assertEquals(now - 60_000 + recorded - kept.size(), kept.get(kept.size() - 1).at(), "the oldest went");
    }

    /** A hash records its own strength: one made at the default verifies on a server that makes new ones at another. */
    @Tag(RuntimeSubset.TAG)
    @Test
    void hashAtTheDefaultStrengthVerifiesWithItsOwnIterationCount() {
        String atDefault = "PBKDF2WithHmacSHA256:210000:c3DuVBLKaMMu0ZcMyw9x6A==:ZE4EFM8FZKsisOMpu27+8nEzYGzmuhS3+DI2Zz3U4Qo=";
        assertTrue(passwords.matches(LEGACY_PASSWORD, atDefault));
        assertFalse(passwords.matches("legacy password 2025", atDefault));
    }

    // ---- the last writes at JVM exit (issue 15: WildFly)

    @Inject
    io.tollgate.storage.boundary.DatabaseExit databaseExit;

    /** The final writes at exit open their own connection: the driver must be found on every server. */
    @Tag(RuntimeSubset.TAG)
    @Test
    void databaseExitFindsTheConfiguredDatabasesDriverOnEveryServer() {
        assertTrue(databaseExit.armed(), "the exit hook is installed, so usage buffered at exit is saved");
    }

    // ---- the token list's pages (issue 20): keyed by (issue_date, id), ties included

    @Tag(RuntimeSubset.TAG)
    @Test
    void tokenListPagesAfterATokenTakeEveryTieOnIssueDateOnceInIdOrder() throws Exception {
        long issued = System.currentTimeMillis();
        List<String> ids = new java.util.ArrayList<>();
        transaction.begin();
        for (int i = 0; i < 11; i++) {
            io.tollgate.tokens.entity.ProjectToken token = new io.tollgate.tokens.entity.ProjectToken(project,
                    unique("tie"), Role.VIEWER, TokenType.UNRESTRICTED, Set.of(), "root", unique("hash-of-tie"),
                    i < 9 ? issued : issued + 1, issued + 86_400_000L);
            em.persist(token);
            ids.add(token.id());
        }
        transaction.commit();
        List<String> expected = ids.subList(0, 9).stream().sorted().collect(java.util.stream.Collectors.toList());
        expected.addAll(ids.subList(9, 11).stream().sorted().toList());

        List<String> paged = new java.util.ArrayList<>();
        List<io.tollgate.tokens.entity.ProjectToken> page = tokens.list(project, null, 0, 4, null);
        while (!page.isEmpty()) {
            page.forEach(token -> paged.add(token.id()));
            page = tokens.after(project, null, 0, page.get(page.size() - 1), 4);
        }
        assertEquals(expected, paged, "nine tokens of one millisecond, then two of the next, in pages of four");
        assertEquals(expected, tokens.list(project, null, null).stream().map(t -> t.id()).toList(),
                "the order of the unpaged list");
    }
    // ---- the MQTT clients' secrets (hooks.boundary.ClientRows): the truth every node shares

    @Inject
    io.tollgate.hooks.boundary.ClientRows clientRows;

    @Inject
    io.tollgate.brokers.boundary.Brokers brokers;

    /**
     * A row per broker, client and token; a write tells the other nodes (TokensChanged: this node's
     * token cache drops the token after the commit) only when their entries may be stale: another
     * secret, or a new row on a previous secret. Beyond the cap the token's oldest rows go; the rows go
     * with their token and with their broker (ON DELETE CASCADE under the bulk deletes).
     */
    @Test
    void mqttClientRowsTellTheOtherNodesOnlyWhatMayBeStaleKeepTheCapAndGoWithTheirTokenAndBroker() throws Exception {
        String broker = brokers.create(project, unique("b"), BrokerUrl.parse("mqtt://127.0.0.1:1883")).id();
        JsonObject created = tokens.create(project, request(Role.EDITOR, null), Caller.root());
        String id = created.getString("id");
        String hash = TokenSecrets.hash(created.getString("token"));
        ClientSecrets.Secret current = new ClientSecrets.Secret(hash, Long.MAX_VALUE);
        ClientSecrets.Secret previous = new ClientSecrets.Secret("ab".repeat(32), 1_900_000_000_000L);
        assertNull(clientRows.read(broker, "c1", id));

        assertNotNull(activeTokens.byHash(hash));
        clientRows.connected(broker, "c1", id, current, 1_000);
        assertEquals(current, clientRows.read(broker, "c1", id));
        assertNotNull(activeTokens.cache().byId(id), "a new row on the current secret tells nobody");
        clientRows.connected(broker, "c1", id, current, 2_000);
        assertNotNull(activeTokens.cache().byId(id), "nor the same secret again");
        clientRows.connected(broker, "c1", id, previous, 3_000);
        assertEquals(previous, clientRows.read(broker, "c1", id));
        assertNull(activeTokens.cache().byId(id), "another secret: the token changed, for every node");
        assertNotNull(activeTokens.byHash(hash));
        clientRows.connected(broker, "c2", id, previous, 3_000);
        assertNull(activeTokens.cache().byId(id), "a new row on a previous secret: likewise");
        assertEquals(previous, clientRows.read(broker, "c2", id));

        // the cap (10 000 rows per token by default): a new row beyond it drops the token's oldest
        transaction.begin();
        for (int chunk = 0; chunk < 10; chunk++) {
            StringBuilder insert = new StringBuilder("INSERT INTO mqtt_clients VALUES ");
            for (int i = 0; i < 1000; i++) {
                int n = chunk * 1000 + i;
                insert.append(i == 0 ? "" : ", ").append("('").append(broker).append("', 'bulk-").append(n)
                        .append("', '").append(id).append("', '").append(hash).append("', NULL, ").append(10_000 + n).append(')');
            }
            em.createNativeQuery(insert.toString()).executeUpdate();
        }
        transaction.commit();
        assertEquals(10_002L, rowsOf(id));
        clientRows.connected(broker, "newest", id, current, 100_000);
        assertEquals(10_000L, rowsOf(id), "a new row beyond the cap drops the oldest rows");
        assertNull(clientRows.read(broker, "c1", id), "the oldest went first");
        assertNull(clientRows.read(broker, "c2", id));
        assertNull(clientRows.read(broker, "bulk-0", id), "three too many: three went");
        assertEquals(current, clientRows.read(broker, "bulk-1", id));
        assertEquals(current, clientRows.read(broker, "newest", id));

        tokens.delete(project, id);
        assertEquals(0L, rowsOf(id), "gone with their token");
        String other = tokens.create(project, request(Role.EDITOR, null), Caller.root()).getString("id");
        clientRows.connected(broker, "c1", other, current, 1_000);
        brokers.delete(project, broker);
        assertEquals(0L, rowsOf(other), "and with their broker");
    }

    private long rowsOf(String tokenId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM mqtt_clients WHERE token_id = ?1")
                .setParameter(1, tokenId).getSingleResult()).longValue();
    }
}
