package io.tollgate.tokens.entity;

import io.tollgate.access.entity.Role;
import io.tollgate.errors.InvalidField;
import io.tollgate.requests.control.JsonFields;
import jakarta.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A valid request to create a token, read from its JSON body; {@code validDate} is still text. */
public record TokenRequest(String name, Role role, TokenType type, Set<String> brokers, String validDate) {

    private static final Set<String> FIELDS = Set.of("name", "role", "type", "brokers", "valid_date");

    public static TokenRequest from(JsonObject body) {
        JsonFields fields = JsonFields.of(body, FIELDS);
        String name = fields.requiredText("name", 1, ProjectToken.MAX_NAME);
        Role role = Role.requestable(fields.requiredString("role"))
                .orElseThrow(() -> new InvalidField("role", "role must be admin, editor or viewer"));
        String typeId = fields.optionalString("type");
        TokenType type = typeId == null ? TokenType.UNRESTRICTED : TokenType.of(typeId)
                .orElseThrow(() -> new InvalidField("type", "type must be restricted or unrestricted"));
        List<String> brokerList = fields.optionalStrings("brokers");
        Set<String> brokers = brokerList == null ? Set.of() : new LinkedHashSet<>(brokerList);
        if (type == TokenType.RESTRICTED && brokers.isEmpty()) {
            throw new InvalidField("brokers", "a restricted token needs at least one broker");
        }
        if (type == TokenType.UNRESTRICTED && !brokers.isEmpty()) {
            throw new InvalidField("brokers", "an unrestricted token takes no brokers");
        }
        return new TokenRequest(name, role, type, brokers, fields.optionalString("valid_date"));
    }
}
