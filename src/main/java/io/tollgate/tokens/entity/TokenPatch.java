package io.tollgate.tokens.entity;

import io.tollgate.errors.InvalidField;
import io.tollgate.net.CidrList;
import io.tollgate.requests.control.JsonFields;
import io.tollgate.requests.control.Text;
import io.tollgate.requests.control.TextValidator;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code PATCH …/tokens/{tokenId}}: {@code name}, {@code allowed_ips}, or both, under the
 * rules of a create; null (absent) leaves a field as it is, any other field is a 400. Whether the
 * caller may grant the list, and whether the name is free, is for {@code TokenLifecycle} to say.
 */
public record TokenPatch(@Text(max = ProjectToken.MAX_NAME) String name, @AllowedIps List<String> allowedIps) {

    private static final Set<String> FIELDS = Set.of("name", "allowed_ips");

    public TokenPatch {
        name = TextValidator.normalize(name);
        allowedIps = allowedIps == null ? null : List.copyOf(allowedIps);
    }

    public static TokenPatch from(JsonObject body) {
        JsonFields fields = JsonFields.of(body, FIELDS);
        TokenPatch patch = new TokenPatch(fields.optionalString("name"), fields.optionalStrings("allowed_ips"));
        if (patch.name == null && patch.allowedIps == null) {
            throw new InvalidField("name", "name or allowed_ips is required");
        }
        return patch;
    }

    /** The blocks named, normalised; null when the patch leaves them alone. Only on a validated patch. */
    public CidrList allowedBlocks() {
        return allowedIps == null ? null : CidrList.parse(allowedIps);
    }
}
