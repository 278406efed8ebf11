package io.tollgate.problems.entity;

import io.tollgate.json.JsonBuilders;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/** The one error body of the API: {@code message, code, status, info}. */
public record Problem(int status, String code, String message, Map<String, String> info) {

    public Problem {
        info = info == null ? Map.of() : Map.copyOf(info);
    }

    /** The code the contract gives a status when nothing more specific applies. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "VALIDATION_FAILED";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 406 -> "NOT_ACCEPTABLE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "TOO_MANY_REQUESTS";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
    }

    /** The generic 500: details stay in the log line that repeats {@code errorId}. */
    public static Problem internalError(String errorId) {
        return new Problem(500, "INTERNAL_ERROR", "internal error; quote error_id when reporting it",
                Map.of("error_id", errorId));
    }

    /** Every 401 says why (spec section 6); one made from a status alone names no credential: {@code invalid}. */
    public static Problem of(int status, String message) {
        return new Problem(status, codeFor(status), message, status == 401 ? Map.of("reason", "invalid") : Map.of());
    }

    public JsonObject toJson() {
        JsonObjectBuilder infoJson = JsonBuilders.object();
        info.forEach(infoJson::add);
        return JsonBuilders.object()
                .add("message", message)
                .add("code", code)
                .add("status", status)
                .add("info", infoJson)
                .build();
    }
}
