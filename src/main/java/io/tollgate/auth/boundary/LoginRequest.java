package io.tollgate.auth.boundary;

import jakarta.validation.constraints.NotNull;

/**
 * The body of a login: both fields present and strings, nothing more. No length or pattern rule, so
 * that a refusal never tells whether a username could exist; the throttle bounds its own memory.
 */
public record LoginRequest(@NotNull(message = "is required") String username,
                           @NotNull(message = "is required") String password) {

    /** Never the password. */
    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
