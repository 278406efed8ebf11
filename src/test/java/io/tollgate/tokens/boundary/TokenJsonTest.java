package io.tollgate.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.access.entity.Role;
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
                "last_used_date", "last_used_ip", "brokers", "type", "status", "token"), List.copyOf(json.keySet()));
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
    void aPendingLastUseShowsBeforeItIsWrittenWithItsAddress() {
        JsonObject json = TokenJson.of(token(), new LastUses.LastUse(ISSUED + 5, "192.0.2.7"), ISSUED + 10);
        assertEquals(ISSUED + 5, json.getJsonNumber("last_used_date").longValue());
        assertEquals("192.0.2.7", json.getString("last_used_ip"));
        assertEquals(JsonValue.NULL, TokenJson.of(token(), ISSUED).get("last_used_ip"));
    }
}
