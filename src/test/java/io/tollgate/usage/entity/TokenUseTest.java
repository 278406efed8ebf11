package io.tollgate.usage.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenUseTest {

    private static TokenUse use(String userAgent) {
        return new TokenUse("t-1", 1_795_000_000_000L, UseOutcome.OK, 200, "GET", "/api/projects/p", "203.0.113.9", userAgent);
    }

    @Test
    void userAgentIsCutTo200CharactersWithoutSplittingASurrogatePair() {
        assertEquals("a".repeat(200), use("a".repeat(250)).userAgent());
        String emoji = "\uD83D\uDE00";
        String cut = use("a".repeat(199) + emoji + "tail").userAgent();
        assertEquals("a".repeat(199), cut, "half a pair is not kept");
        assertNull(use(null).userAgent());
    }

    @Test
    void jsonHasTheContractsFieldsAndNullsForMissingValues() {
        JsonObject json = new TokenUse("t-1", 5L, UseOutcome.EXPIRED, 401, "POST", "/api/x", null, null).toJson();
        assertEquals(List.of("at", "outcome", "status", "method", "path", "ip", "user_agent"), List.copyOf(json.keySet()));
        assertEquals("expired", json.getString("outcome"));
        assertEquals(JsonValue.NULL, json.get("ip"));
        assertEquals(JsonValue.NULL, json.get("user_agent"));
    }

    @Test
    void outcomesHaveTheContractsIds() {
        assertEquals(List.of("ok", "forbidden", "ip_not_allowed", "expired", "suspended", "rotated", "invalid"),
                java.util.Arrays.stream(UseOutcome.values()).map(UseOutcome::id).toList());
        assertEquals(UseOutcome.IP_NOT_ALLOWED, UseOutcome.of("ip_not_allowed"));
        assertNull(UseOutcome.of("revoked"));
    }
}
