package io.tollgate.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP suites' one client for Tollgate's API, speaking as one credential (or none). The typed
 * methods build every request body with JSON-P, so a name with a quote or a backslash is sent as the
 * value it is. {@link #send(String, String, String, String)} and the {@code String} overloads of
 * {@link #post(String, String)}/{@link #put(String, String)} send text as is: they are for the tests
 * whose point is a malformed or hand-made body (and say so where they use them).
 */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String credential;

    public Api(URI base, String credential) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.credential = credential;
    }

    public Api as(String otherCredential) {
        return new Api(base, otherCredential);
    }

    /** The same server without any credential. */
    public Api anonymous() {
        return as(null);
    }

    public URI base() {
        return base;
    }

    // ---------------------------------------------------------------- paths

    public static String projects() {
        return "api/projects";
    }

    public static String project(String projectId) {
        return projects() + "/" + projectId;
    }

    public static String brokers(String projectId) {
        return project(projectId) + "/brokers";
    }

    public static String broker(String projectId, String brokerId) {
        return brokers(projectId) + "/" + brokerId;
    }

    public static String tokens(String projectId) {
        return project(projectId) + "/tokens";
    }

    public static String token(String projectId, String tokenId) {
        return tokens(projectId) + "/" + tokenId;
    }

    public static String members(String projectId) {
        return project(projectId) + "/members";
    }

    public static String member(String projectId, String username) {
        return members(projectId) + "/" + username;
    }

    public static String users() {
        return "api/users";
    }

    public static String user(String username) {
        return users() + "/" + username;
    }

    // ---------------------------------------------------------------- projects

    public Reply createProject(String name) {
        return post(projects(), object().add("name", name));
    }

    public Reply listProjects() {
        return get(projects());
    }

    public Reply getProject(String projectId) {
        return get(project(projectId));
    }

    public Reply deleteProject(String projectId) {
        return delete(project(projectId));
    }

    // ---------------------------------------------------------------- brokers

    public static JsonObject brokerBody(String name, String url) {
        return object().add("name", name).add("url", url).build();
    }

    public Reply createBroker(String projectId, String name, String url) {
        return post(brokers(projectId), brokerBody(name, url));
    }

    public Reply updateBroker(String projectId, String brokerId, String name, String url) {
        return put(broker(projectId, brokerId), brokerBody(name, url));
    }

    public Reply listBrokers(String projectId) {
        return get(brokers(projectId));
    }

    public Reply getBroker(String projectId, String brokerId) {
        return get(broker(projectId, brokerId));
    }

    public Reply deleteBroker(String projectId, String brokerId) {
        return delete(broker(projectId, brokerId));
    }

    // ---------------------------------------------------------------- tokens

    /**
     * What a token create sends: {@code type}, {@code brokers} and {@code valid_date} are left out
     * when null, so that the server's defaults are what is tested.
     */
    public record TokenSpec(String name, String role, String type, List<String> brokers, String validDate) {

        public static TokenSpec of(String name, String role) {
            return new TokenSpec(name, role, null, null, null);
        }

        /** Restricted to these brokers. */
        public TokenSpec restricted(String... brokerIds) {
            return new TokenSpec(name, role, "restricted", List.of(brokerIds), validDate);
        }

        /** Explicitly unrestricted, with an empty broker list. */
        public TokenSpec unrestricted() {
            return new TokenSpec(name, role, "unrestricted", List.of(), validDate);
        }

        /** Sent as a JSON string, in any of the forms the spec accepts (date, instant, epoch millis). */
        public TokenSpec validDate(Object validDate) {
            return new TokenSpec(name, role, type, brokers, String.valueOf(validDate));
        }

        public JsonObject json() {
            JsonObjectBuilder body = object().add("name", name).add("role", role);
            if (type != null) {
                body.add("type", type);
            }
            if (brokers != null) {
                JsonArrayBuilder ids = Json.createArrayBuilder();
                brokers.forEach(ids::add);
                body.add("brokers", ids);
            }
            if (validDate != null) {
                body.add("valid_date", validDate);
            }
            return body.build();
        }
    }

    public Reply createToken(String projectId, TokenSpec spec) {
        return post(tokens(projectId), spec.json());
    }

    public Reply listTokens(String projectId) {
        return get(tokens(projectId));
    }

    /** The list with a query string, e.g. {@code "limit=2&offset=1"}. */
    public Reply listTokens(String projectId, String query) {
        return get(tokens(projectId) + "?" + query);
    }

    public Reply deleteToken(String projectId, String tokenId) {
        return delete(token(projectId, tokenId));
    }

    // ---------------------------------------------------------------- members

    public static JsonObject roleBody(String role) {
        return object().add("role", role).build();
    }

    public Reply putMember(String projectId, String username, String role) {
        return put(member(projectId, username), roleBody(role));
    }

    public Reply listMembers(String projectId) {
        return get(members(projectId));
    }

    public Reply removeMember(String projectId, String username) {
        return delete(member(projectId, username));
    }

    // ---------------------------------------------------------------- users and sessions

    public static JsonObject credentials(String username, String password) {
        return object().add("username", username).add("password", password).build();
    }

    public Reply createUser(String username, String password) {
        return post(users(), credentials(username, password));
    }

    public Reply listUsers() {
        return get(users());
    }

    public Reply deleteUser(String username) {
        return delete(user(username));
    }

    /** A login; sent without this client's credential, as a browser signing in would. */
    public Reply login(String username, String password) {
        return anonymous().post("api/auth/login", credentials(username, password));
    }

    public Reply whoami() {
        return get("api/auth/whoami");
    }

    // ---------------------------------------------------------------- generic

    public static JsonObjectBuilder object() {
        return Json.createObjectBuilder();
    }

    /** A builder starting from {@code json}, to add one field more (an unknown one, say). */
    public static JsonObjectBuilder object(JsonObject json) {
        return Json.createObjectBuilder(json);
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Reply post(String path, JsonStructure json) {
        return post(path, json.toString());
    }

    public Reply post(String path, JsonObjectBuilder json) {
        return post(path, json.build());
    }

    public Reply put(String path, JsonStructure json) {
        return put(path, json.toString());
    }

    public Reply put(String path, JsonObjectBuilder json) {
        return put(path, json.build());
    }

    /** This text as the body, as is: for hand-made and malformed bodies. */
    public Reply post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    /** This text as the body, as is: for hand-made and malformed bodies. */
    public Reply put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    public Reply send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        return send(request.build());
    }

    public static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("WWW-Authenticate").orElse(null), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One response: status, the headers tests look at (and all of them), and the body. */
    public record Reply(int status, String contentType, String wwwAuthenticate, String body, HttpHeaders headers) {

        public JsonValue json() {
            return Json.createReader(new StringReader(body)).readValue();
        }

        public JsonObject object() {
            return json().asJsonObject();
        }

        public JsonArray array() {
            return json().asJsonArray();
        }

        public String code() {
            return object().getString("code");
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    // usage log (spec section 7)

    public static String usage(String projectId, String tokenId) {
        return token(projectId, tokenId) + "/usage";
    }

    /** {@code query} without the {@code ?}, or empty. */
    public Reply tokenUsage(String projectId, String tokenId, String query) {
        return get(usage(projectId, tokenId) + (query.isEmpty() ? "" : "?" + query));
    }
}
