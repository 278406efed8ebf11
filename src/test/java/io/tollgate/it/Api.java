package io.tollgate.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for Tollgate's API, speaking as one credential (or none). */
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

    public URI base() {
        return base;
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Reply post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

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
                    response.headers().firstValue("WWW-Authenticate").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One response: status, the headers tests look at, and the body. */
    public record Reply(int status, String contentType, String wwwAuthenticate, String body) {

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

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
