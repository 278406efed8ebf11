package io.tollgate.tokens.entity;

import io.tollgate.requests.control.JsonFields;
import io.tollgate.requests.control.Text;
import io.tollgate.requests.control.TextValidator;
import jakarta.json.JsonObject;
import java.util.Set;

/** The body of {@code POST …/tokens/{tokenId}/suspend}: an optional {@code reason}, 1 to 200 characters. */
public record SuspendBody(@Text(max = ProjectToken.MAX_SUSPEND_REASON) String reason) {

    private static final Set<String> FIELDS = Set.of("reason");

    public SuspendBody {
        reason = TextValidator.normalize(reason);
    }

    public static SuspendBody from(JsonObject body) {
        return new SuspendBody(JsonFields.of(body, FIELDS).optionalString("reason"));
    }
}
