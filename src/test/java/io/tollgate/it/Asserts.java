package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** The asserts and small helpers the HTTP suites share; suites import these, never each other. */
public final class Asserts {

    private Asserts() {
    }

    /** The spec's error body, exactly its four fields, with this status and code. */
    public static void assertProblem(Api.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType() != null && reply.contentType().startsWith("application/json"), reply.contentType());
        JsonObject body = reply.object();
        assertEquals(List.of("code", "info", "message", "status"), body.keySet().stream().sorted().toList());
        assertEquals(code, body.getString("code"));
        assertEquals(status, body.getInt("status"));
    }

    /** The error body, naming {@code field} in its {@code info}. */
    public static void assertProblem(Api.Reply reply, int status, String code, String field) {
        assertProblem(reply, status, code);
        assertEquals(field, reply.object().getJsonObject("info").getString("field"), reply::toString);
    }

    /** 401 with the error body and the {@code Bearer} challenge. */
    public static void assertUnauthorized(Api.Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("UNAUTHORIZED", reply.code());
        assertEquals(401, reply.object().getInt("status"));
        assertEquals("Bearer", reply.wwwAuthenticate());
    }

    public static void assertForbidden(Api.Reply reply) {
        assertProblem(reply, 403, "FORBIDDEN");
    }

    /**
     * A validation table: each body (hand-made on purpose: wrong types, missing and unknown fields)
     * answers 400 {@code VALIDATION_FAILED} naming its field, and {@code state} reads the same after
     * all of them as before: a refused request changes nothing.
     */
    public static void assertEachRejected(Map<String, String> bodyToField, Function<String, Api.Reply> send, Supplier<?> state) {
        Object before = state.get();
        assertEachRejected(bodyToField, send);
        assertEquals(before, state.get(), "a refused request changed nothing");
    }

    /** A validation table whose requests change no state (a login, say). */
    public static void assertEachRejected(Map<String, String> bodyToField, Function<String, Api.Reply> send) {
        bodyToField.forEach((body, field) -> {
            Api.Reply reply = send.apply(body);
            assertEquals(400, reply.status(), body + " -> " + reply);
            assertProblem(reply, 400, "VALIDATION_FAILED");
            assertEquals(field, reply.object().getJsonObject("info").getString("field"), body);
        });
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
