package io.tollgate.tokens.boundary;

import io.tollgate.errors.InvalidField;
import io.tollgate.net.CidrList;
import io.tollgate.requests.control.Text;
import io.tollgate.requests.control.TextValidator;
import io.tollgate.tokens.entity.AllowedIps;
import io.tollgate.tokens.entity.ProjectToken;
import java.util.List;

/**
 * The body of {@code PATCH …/tokens/{tokenId}}: {@code name}, {@code allowed_ips}, or both, under the
 * rules of a create; null (absent) leaves a field as it is, any other field is a 400, and so is a patch
 * that names neither (more likely a client mistake than a wish to change nothing). Whether the
 * caller may grant the list, and whether the name is free, is for {@code TokenLifecycle} to say.
 */
public record TokenPatch(@Text(max = ProjectToken.MAX_NAME) String name, @AllowedIps List<String> allowedIps) {

    public TokenPatch {
        name = TextValidator.normalize(name);
        allowedIps = allowedIps == null ? null : List.copyOf(allowedIps);
        if (name == null && allowedIps == null) {
            throw new InvalidField("name", "name or allowed_ips is required");
        }
    }

    /** The blocks named, normalised; null when the patch leaves them alone. Only on a validated patch. */
    public CidrList allowedBlocks() {
        return allowedIps == null ? null : CidrList.parse(allowedIps);
    }
}
