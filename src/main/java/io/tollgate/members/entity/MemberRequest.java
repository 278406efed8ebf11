package io.tollgate.members.entity;

import io.tollgate.access.entity.RequestableRole;
import io.tollgate.access.entity.Role;
import io.tollgate.requests.control.JsonFields;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import java.util.Set;

/** The body of a membership PUT. */
public record MemberRequest(@NotNull(message = "is required") @RequestableRole String role) {

    public static MemberRequest from(JsonObject body) {
        return new MemberRequest(JsonFields.of(body, Set.of("role")).optionalString("role"));
    }

    /** Only on a request that passed validation. */
    public Role requestedRole() {
        return Role.requestable(role).orElseThrow();
    }
}
