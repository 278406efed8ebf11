package io.tollgate.auth.entity;

import io.tollgate.requests.control.JsonFields;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import java.util.Set;

/**
 * The body of a login: both fields present and strings, nothing more. No length or pattern rule, so
 * that a refusal never tells whether a username could exist; the throttle bounds its own memory.
 */
public record LoginRequest(@NotNull(message = "is required") String username,
                           @NotNull(message = "is required") String password) {

    public static LoginRequest from(JsonObject body) {
        JsonFields fields = JsonFields.of(body, Set.of("username", "password"));
        return new LoginRequest(fields.optionalString("username"), fields.optionalString("password"));
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
