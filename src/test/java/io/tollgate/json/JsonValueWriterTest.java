package io.tollgate.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every JSON value is written as JSON, not only objects and arrays (WildFly's fallback wrote TRUE as a bean). */
class JsonValueWriterTest {

    private final JsonValueWriter writer = new JsonValueWriter();

    @Test
    void trueAndStringsAndNumbersAreWriteableAndWrittenAsJson() throws IOException {
        assertEquals("true", written(JsonValue.TRUE));
        assertEquals("\"a\\\"b\"", written(Json.createValue("a\"b")));
        assertEquals("42", written(Json.createValue(42)));
        assertEquals("{\"deleted\":true}", written(Json.createObjectBuilder().add("deleted", true).build()));
    }

    private String written(JsonValue value) throws IOException {
        assertTrue(writer.isWriteable(value.getClass(), value.getClass(), new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE), value.getClass() + " not writeable");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writer.writeTo(value, value.getClass(), value.getClass(), new Annotation[0], MediaType.APPLICATION_JSON_TYPE,
                null, body);
        return body.toString(StandardCharsets.UTF_8);
    }
}
