package io.tollgate.tokens.boundary;

import io.tollgate.errors.InvalidField;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.mqtt.entity.MqttRulesJson;
import io.tollgate.net.CidrList;
import io.tollgate.requests.control.Text;
import io.tollgate.requests.control.TextValidator;
import io.tollgate.tokens.entity.AllowedIps;
import io.tollgate.tokens.entity.ProjectToken;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The body of {@code PATCH …/tokens/{tokenId}}: any of {@code name}, {@code allowed_ips} and
 * {@code mqtt_rules}, under the rules of a create; null (absent) leaves a field as it is, any other
 * field is a 400, and so is a patch that names none (more likely a client mistake than a wish to change
 * nothing). Whether the caller may grant the list or the rules, and whether the name is free, is for
 * {@code TokenLifecycle} to say.
 */
public record TokenPatch(@Text(max = ProjectToken.MAX_NAME) String name, @AllowedIps List<String> allowedIps,
                         JsonValue mqttRules) {

    public TokenPatch {
        name = TextValidator.normalize(name);
        allowedIps = allowedIps == null ? null : List.copyOf(allowedIps);
        if (name == null && allowedIps == null && mqttRules == null) {
            throw new InvalidField("name", "name, allowed_ips or mqtt_rules is required");
        }
    }

    /** A patch of {@code name} and/or {@code allowed_ips} only. */
    public TokenPatch(String name, List<String> allowedIps) {
        this(name, allowedIps, null);
    }

    /** The rules named, read strictly ({@link MqttRulesJson}: a 400 naming the field); null when left alone. */
    public MqttRules rules() {
        return mqttRules == null ? null : MqttRulesJson.read(mqttRules);
    }

    /** The blocks named, normalised; null when the patch leaves them alone. Only on a validated patch. */
    public CidrList allowedBlocks() {
        return allowedIps == null ? null : CidrList.parse(allowedIps);
    }
}
