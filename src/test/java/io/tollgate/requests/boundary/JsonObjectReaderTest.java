package io.tollgate.requests.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tollgate.errors.DomainException;
import io.tollgate.problems.boundary.DomainExceptionMapper;
import io.tollgate.problems.entity.Problem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonObjectReaderTest {

    private static final MediaType JSON = new MediaType("application", "json");

    private static JsonObject read(byte[] body, MediaType type) {
        return new JsonObjectReader().readFrom(JsonObject.class, JsonObject.class, new Annotation[0], type, null,
                new ByteArrayInputStream(body));
    }

    private static JsonObject read(String body) {
        return read(body.getBytes(StandardCharsets.UTF_8), JSON);
    }

    private static Problem refused(byte[] body, MediaType type) {
        return DomainExceptionMapper.problemOf(assertThrows(DomainException.class, () -> read(body, type)));
    }

    private static void assertMalformed(byte[] body) {
        Problem problem = refused(body, JSON);
        assertEquals(400, problem.status());
        assertEquals("MALFORMED_REQUEST", problem.code());
    }

    private static void assertMalformed(String body) {
        assertMalformed(body.getBytes(StandardCharsets.UTF_8));
    }

    /** An object whose field {@code a} holds arrays nested so that the whole body is {@code depth} deep. */
    private static String nested(int depth) {
        return "{\"a\": " + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    @Test
    void deeplyNestedLoginBodyIsMalformedNotAFailure() {
        assertMalformed("{\"username\": " + "[".repeat(999) + "]".repeat(999) + ", \"password\": \"x\"}");
        assertMalformed("{\"a\": " + "{\"a\": ".repeat(5000) + "1" + "}".repeat(5000) + "}");
    }

    @Test
    void nestingIsReadUpToThirtyTwoLevelsAndRefusedBeyond() {
        String deepest = nested(32);
        assertEquals(Json.createReader(new StringReader(deepest)).readObject(), read(deepest));
        assertMalformed(nested(33));
    }

    @Test
    void readsWhatJsonProcessingReads() {
        String text = "{\"s\": \"x\\\"y\\u00e9\\ud83d\\ude00\", \"i\": 42, \"big\": 12345678901234567890, \"d\": -1.5e3,"
                + " \"t\": true, \"f\": false, \"n\": null, \"o\": {\"a\": [1, \"b\", {\"c\": []}, null]}, \"e\": {}}";
        JsonObject expected = Json.createReader(new StringReader(text)).readObject();
        JsonObject actual = read(text);
        assertEquals(expected, actual);
        assertEquals("x\"y\u00e9\uD83D\uDE00", actual.getString("s"));
        assertEquals(true, actual.getJsonNumber("i").isIntegral());
        assertEquals(expected.keySet().stream().toList(), actual.keySet().stream().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "{\"a\": 1", "{\"a\": 1} {}", "{\"a\": 1}]", "{\"a\" 1}", "{'a': 1}",
            "{\"a\": [1,]}", "{\"a\": tru}"})
    void malformedJsonIsMalformed(String body) {
        assertMalformed(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"x\"", "1", "null", "true"})
    void wellFormedNonObjectIsAValidationFailure(String body) {
        Problem problem = refused(body.getBytes(StandardCharsets.UTF_8), JSON);
        assertEquals("VALIDATION_FAILED", problem.code());
        assertEquals("body", problem.info().get("field"));
    }

    @Test
    void invalidUtf8IsMalformed() {
        assertMalformed(concat("{\"name\": \"a", bytes(0xff, 0xfe), "b\"}"));
        assertMalformed(concat("{\"name\": \"a", bytes(0xc3), "\"}"));          // truncated sequence
        assertMalformed(concat("{\"name\": \"a", bytes(0xc0, 0xaf), "\"}"));    // overlong '/'
        assertMalformed(concat("{\"name\": \"a", bytes(0xf4, 0x90, 0x80, 0x80), "\"}")); // above U+10FFFF
    }

    @Test
    void surrogateEncodedAsBytesIsMalformed() {
        assertMalformed(concat("{\"name\": \"a", bytes(0xed, 0xa0, 0x80), "b\"}"));
        // a pair encoded as two three-byte sequences (CESU-8) is not UTF-8 either
        assertMalformed(concat("{\"name\": \"", bytes(0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80), "\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": \"\\ud800\"}", "{\"name\": \"a\\udc00b\"}", "{\"name\": \"\\ud800x\"}",
            "{\"name\": \"\\ude00\\ud83d\"}", "{\"name\": \"x\\ud83d\"}", "{\"\\ud800\": \"x\"}",
            "{\"o\": {\"brokers\": [\"\\udfff\"]}}"})
    void loneSurrogateEscapeIsMalformed(String body) {
        assertMalformed(body);
    }

    @Test
    void surrogatePairEscapeIsOneCharacter() {
        assertEquals("\uD83D\uDE00", read("{\"name\": \"\\ud83d\\ude00\"}").getString("name"));
        assertEquals("\uD83D\uDE00", read("{\"name\": \"\uD83D\uDE00\"}").getString("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": \"a\", \"name\": \"b\"}", "{\"name\": \"a\", \"name\": \"a\"}",
            "{\"o\": {\"k\": 1, \"x\": 2, \"k\": 3}}", "{\"name\": 1, \"n\\u0061me\": 2}"})
    void repeatedKeyIsMalformed(String body) {
        assertMalformed(body);
    }

    @Test
    void sameKeyInDifferentObjectsIsRead() {
        JsonObject body = read("{\"k\": {\"k\": 1}, \"a\": [{\"k\": 2}, {\"k\": 3}]}");
        assertEquals(3, body.getJsonArray("a").getJsonObject(1).getInt("k"));
    }

    @Test
    void wildcardOrMissingContentTypeIs415() {
        byte[] body = "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        for (MediaType type : new MediaType[] {MediaType.WILDCARD_TYPE, new MediaType("application", "*"),
                new MediaType("*", "json"), MediaType.TEXT_PLAIN_TYPE, MediaType.APPLICATION_OCTET_STREAM_TYPE, null}) {
            Problem problem = refused(body, type);
            assertEquals(415, problem.status(), type == null ? "none" : type.getType() + "/" + type.getSubtype());
            assertEquals("UNSUPPORTED_MEDIA_TYPE", problem.code());
        }
    }

    @Test
    void applicationJsonWithParametersIsRead() {
        byte[] body = "{\"name\": \"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("\u00e9", read(body, new MediaType("application", "json", Map.of("charset", "utf-8"))).getString("name"));
        assertEquals("\u00e9", read(body, new MediaType("Application", "JSON")).getString("name"));
    }

    @Test
    void numberLongerThanAHundredCharactersIsMalformed() {
        assertMalformed("{\"username\": " + "1".repeat(2000) + ", \"password\": \"x\"}");
        assertMalformed("{\"a\": [0, -" + "1".repeat(100) + "]}");
        assertEquals("9".repeat(100), read("{\"n\": " + "9".repeat(100) + "}").getJsonNumber("n").toString());
    }
}
