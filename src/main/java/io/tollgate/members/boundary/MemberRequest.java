package io.tollgate.members.boundary;

import io.tollgate.access.entity.RequestableRole;
import io.tollgate.access.entity.Role;
import jakarta.validation.constraints.NotNull;

/** The body of a membership PUT. */
public record MemberRequest(@NotNull(message = "is required") @RequestableRole String role) {

    /** Only on a request that passed validation. */
    public Role requestedRole() {
        return Role.requestable(role).orElseThrow();
    }
}
