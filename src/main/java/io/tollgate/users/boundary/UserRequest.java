package io.tollgate.users.boundary;

import io.tollgate.requests.control.CodePoints;
import io.tollgate.users.entity.User;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of a user create. The password is neither stripped nor normalised: it is a secret, taken as typed.
 * "root" is reserved because tokens record their creator as issuer: it must only ever mean the root credential.
 */
public record UserRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "[a-z0-9._-]{3,64}", message = "must be 3 to 64 characters of a-z, 0-9, '.', '_' and '-'")
        @Pattern(regexp = "(?!root$).*", message = "'root' is reserved")
        String username,
        @NotNull(message = "is required") @CodePoints(min = User.MIN_PASSWORD, max = User.MAX_PASSWORD) String password) {

    /** Never the password. */
    @Override
    public String toString() {
        return "UserRequest[username=" + username + "]";
    }
}
