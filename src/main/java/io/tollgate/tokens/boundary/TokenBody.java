package io.tollgate.tokens.boundary;

import io.tollgate.access.entity.RequestableRole;
import io.tollgate.access.entity.Role;
import io.tollgate.mqtt.entity.MqttRulesJson;
import io.tollgate.net.CidrList;
import io.tollgate.requests.control.Text;
import io.tollgate.requests.control.TextValidator;
import io.tollgate.tokens.entity.AllowedIps;
import io.tollgate.tokens.entity.ProjectToken;
import io.tollgate.tokens.entity.TokenRequest;
import io.tollgate.tokens.entity.TokenType;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of a token create as the client sent it (ids still text, {@code name} normalised), with its
 * field rules; {@link #toRequest} turns a valid one into a {@link TokenRequest}. The brokers of the
 * project and the bounds of {@code valid_date} need the database and the clock: {@code Tokens} checks them.
 */
@BrokersMatchType
public record TokenBody(
        @NotNull(message = "is required") @Text(max = ProjectToken.MAX_NAME) String name,
        @NotNull(message = "is required") @RequestableRole String role,
        @Pattern(regexp = "restricted|unrestricted", message = "must be restricted or unrestricted") String type,
        List<String> brokers,
        String validDate,
        @AllowedIps List<String> allowedIps,
        JsonValue mqttRules) {

    public TokenBody {
        name = TextValidator.normalize(name);
        brokers = brokers == null ? null : List.copyOf(brokers);
        allowedIps = allowedIps == null ? null : List.copyOf(allowedIps);
    }

    /** A body without {@code allowed_ips} and {@code mqtt_rules}. */
    public TokenBody(String name, String role, String type, List<String> brokers, String validDate) {
        this(name, role, type, brokers, validDate, null, null);
    }

    /** A body without {@code mqtt_rules}. */
    public TokenBody(String name, String role, String type, List<String> brokers, String validDate,
                     List<String> allowedIps) {
        this(name, role, type, brokers, validDate, allowedIps, null);
    }

    /**
     * Only on a body that passed validation; repeated broker ids and blocks collapse. {@code mqtt_rules}
     * is read here, strictly ({@link MqttRulesJson}: a 400 naming the field).
     */
    public TokenRequest toRequest() {
        TokenType tokenType = type == null ? TokenType.UNRESTRICTED : TokenType.of(type).orElseThrow();
        Set<String> ids = brokers == null ? Set.of() : new LinkedHashSet<>(brokers);
        return new TokenRequest(name, Role.requestable(role).orElseThrow(), tokenType, ids, validDate,
                CidrList.parse(allowedIps), mqttRules == null ? null : MqttRulesJson.read(mqttRules));
    }
}
