package io.tollgate.tokens.boundary;

import io.tollgate.requests.control.Text;
import io.tollgate.requests.control.TextValidator;
import io.tollgate.tokens.entity.ProjectToken;

/** The body of {@code POST …/tokens/{tokenId}/suspend}: an optional {@code reason}, 1 to 200 characters. */
public record SuspendBody(@Text(max = ProjectToken.MAX_SUSPEND_REASON) String reason) {

    public SuspendBody {
        reason = TextValidator.normalize(reason);
    }
}
