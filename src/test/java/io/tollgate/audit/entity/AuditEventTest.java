package io.tollgate.audit.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    @Test
    void jsonHasExactlyTheFieldsOfTheSpecWithNullsNotAbsences() {
        JsonObject json = new AuditEvent(1795000000000L, "alice", "token.create", "p1", "t1", "ci-deploy",
                "203.0.113.9", Json.createObjectBuilder().add("role", "editor").build()).toJson();
        assertEquals(List.of("action", "actor", "at", "details", "ip", "project_id", "target_id", "target_name"),
                json.keySet().stream().sorted().toList());
        assertEquals(1795000000000L, json.getJsonNumber("at").longValue());
        assertEquals("editor", json.getJsonObject("details").getString("role"));

        JsonObject bare = new AuditEvent(1L, "anonymous", "login.failure", null, null, null, null, null).toJson();
        for (String key : List.of("project_id", "target_id", "target_name", "ip")) {
            assertEquals(JsonValue.NULL, bare.get(key), key);
        }
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, bare.getJsonObject("details"));
    }

    @Test
    void overlongDetailsAreStoredAsATruncationMarkerRatherThanFailingTheChange() {
        JsonObject huge = Json.createObjectBuilder().add("x", "y".repeat(AuditEvent.MAX_DETAILS)).build();
        JsonObject json = new AuditEvent(1L, "root", "broker.update", "p", "b", "n", null, huge).toJson();
        assertTrue(json.getJsonObject("details").getBoolean("truncated"));
    }
}
