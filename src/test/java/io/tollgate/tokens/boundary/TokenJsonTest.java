package io.tollgate.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.access.entity.Role;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.tokens.control.LastUses;
import io.tollgate.tokens.entity.ProjectToken;
import io.tollgate.tokens.entity.TokenType;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenJsonTest {

    private static final long ISSUED = 1_767_225_600_000L;
    private static final long VALID = ISSUED + 86_400_000L;

    private static ProjectToken token() {
        return new ProjectToken("p-1", "ci", Role.EDITOR, TokenType.RESTRICTED, List.of("b-2", "b-1"), "root",
                "ab".repeat(32), ISSUED, VALID);
    }

    @Test
    void createdTokenCarriesItsSecretAndTheContractsFieldsInOrder() {
        JsonObject json = TokenJson.of(token(), "tg_secret", ISSUED);
        assertEquals(List.of("id", "project_id", "role_id", "issuer", "name", "hash", "issue_date", "valid_date",
                "last_used_date", "last_used_ip", "brokers", "type", "allowed_ips", "mqtt_rules", "status", "suspended_date",
                "suspend_reason", "rotated_date", "previous_valid_until", "token"), List.copyOf(json.keySet()));
        assertEquals("tg_secret", json.getString("token"));
        assertEquals("editor", json.getString("role_id"));
        assertEquals("restricted", json.getString("type"));
        assertEquals("[\"b-1\",\"b-2\"]", json.getJsonArray("brokers").toString(), "brokers sorted");
        assertEquals(JsonValue.NULL, json.get("last_used_date"));
    }

    @Test
    void listedTokenHasANullSecretAndExpiresAtItsValidDate() {
        assertEquals(JsonValue.NULL, TokenJson.of(token(), VALID - 1).get("token"));
        assertEquals("valid", TokenJson.of(token(), VALID - 1).getString("status"));
        assertEquals("expired", TokenJson.of(token(), VALID).getString("status"));
        assertTrue(TokenJson.of(token(), VALID).toString().indexOf("tg_") < 0, "no secret in a listed token");
    }

    @Test
    void allowedIpsAreAlwaysThereEmptyMeaningAnyAddress() {
        assertEquals("[]", TokenJson.of(token(), ISSUED).getJsonArray("allowed_ips").toString());
        ProjectToken restricted = token();
        restricted.allowFrom(List.of("192.0.2.7/32", "2001:db8::/32"));
        assertEquals("[\"192.0.2.7/32\",\"2001:db8::/32\"]",
                TokenJson.of(restricted, ISSUED).getJsonArray("allowed_ips").toString(), "in the stored order");
    }

    @Test
    void lifecycleFieldsAreNullUntilSetAndSuspendedWinsOverExpired() {
        ProjectToken token = token();
        JsonObject fresh = TokenJson.of(token, VALID - 1);
        for (String field : List.of("suspended_date", "suspend_reason", "rotated_date", "previous_valid_until")) {
            assertEquals(JsonValue.NULL, fresh.get(field), field);
        }
        token.suspend(ISSUED + 5, "leaked in a build log");
        token.rotate("cd".repeat(32), ISSUED + 7, ISSUED + 3_600_007L, VALID);
        JsonObject json = TokenJson.of(token, "tg_new", VALID);
        assertEquals("suspended", json.getString("status"), "suspended wins over expired");
        assertEquals(ISSUED + 5, json.getJsonNumber("suspended_date").longValue());
        assertEquals("leaked in a build log", json.getString("suspend_reason"));
        assertEquals(ISSUED + 7, json.getJsonNumber("rotated_date").longValue());
        assertEquals(ISSUED + 3_600_007L, json.getJsonNumber("previous_valid_until").longValue());
        assertEquals("cd".repeat(32), json.getString("hash"));
        assertEquals("tg_new", json.getString("token"));
    }

    @Test
    void expirationHeaderIsIsoUtcWithMilliseconds() {
        assertEquals("2027-06-30T23:59:59.999Z", TokenExpirationHeader.format(1_814_399_999_999L));
        assertEquals("2027-06-30T00:00:00.000Z", TokenExpirationHeader.format(1_814_313_600_000L));
    }

    @Test
    void aPendingLastUseShowsBeforeItIsWrittenWithItsAddress() {
        JsonObject json = TokenJson.of(token(), new LastUses.LastUse(ISSUED + 5, "192.0.2.7"), ISSUED + 10);
        assertEquals(ISSUED + 5, json.getJsonNumber("last_used_date").longValue());
        assertEquals("192.0.2.7", json.getString("last_used_ip"));
        assertEquals(JsonValue.NULL, TokenJson.of(token(), ISSUED).get("last_used_ip"));
    }

    @Test
    void mqttRulesAreAlwaysThereTheRolesDefaultUntilSet() {
        assertEquals("[{\"effect\":\"allow\",\"action\":\"all\",\"filter\":\"#\"}]",
                TokenJson.of(token(), ISSUED).getJsonArray("mqtt_rules").toString(), "an editor's default");
        ProjectToken viewer = new ProjectToken("p-1", "v", Role.VIEWER, TokenType.UNRESTRICTED, List.of(), "root",
                "ab".repeat(32), ISSUED, VALID);
        assertEquals("[{\"effect\":\"allow\",\"action\":\"subscribe\",\"filter\":\"#\"}]",
                TokenJson.of(viewer, ISSUED).getJsonArray("mqtt_rules").toString());
        viewer.limitTopics(new MqttRules(List.of()));
        assertEquals("[]", TokenJson.of(viewer, ISSUED).getJsonArray("mqtt_rules").toString(), "set: deny everything");
    }
}
