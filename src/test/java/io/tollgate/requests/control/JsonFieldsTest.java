package io.tollgate.requests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.errors.InvalidField;
import io.tollgate.errors.Malformed;
import io.tollgate.problems.boundary.DomainExceptionMapper;
import io.tollgate.problems.entity.Problem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFieldsTest {

    private static final Set<String> ALLOWED = Set.of("name", "url", "brokers");
    /** U+1F600, one code point, two UTF-16 chars. */
    private static final String EMOJI = "\uD83D\uDE00";

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static JsonFields fields(String text) {
        return JsonFields.of(json(text), ALLOWED);
    }

    private static JsonFields withName(String name) {
        return JsonFields.of(Json.createObjectBuilder().add("name", name).build(), ALLOWED);
    }

    private static Problem rejected(String field, Executable call) {
        InvalidField e = assertThrows(InvalidField.class, call);
        Problem problem = DomainExceptionMapper.problemOf(e);
        assertEquals(400, problem.status());
        assertEquals("VALIDATION_FAILED", problem.code());
        assertEquals(field, problem.info().get("field"));
        return problem;
    }

    @Test
    void missingBodyIsMalformed() {
        Malformed e = assertThrows(Malformed.class, () -> JsonFields.of(null, ALLOWED));
        assertEquals(400, DomainExceptionMapper.problemOf(e).status());
        assertEquals("MALFORMED_REQUEST", DomainExceptionMapper.problemOf(e).code());
    }

    @Test
    void unknownFieldIsRejectedNamingIt() {
        Problem problem = rejected("nmae", () -> fields("{\"nmae\": \"x\"}"));
        assertTrue(problem.message().contains("nmae"), problem.message());
    }

    @Test
    void unknownFieldIsRejectedEvenWhenNull() {
        rejected("extra", () -> fields("{\"name\": \"x\", \"extra\": null}"));
    }

    @Test
    void emptyObjectAndKnownFieldsAreAccepted() {
        fields("{}");
        fields("{\"name\": \"x\", \"url\": \"mqtt://h\", \"brokers\": []}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "4.2", "true", "false", "{}", "[]", "[\"x\"]"})
    void nonStringWhereStringExpectedIsRejected(String value) {
        JsonFields fields = fields("{\"name\": " + value + "}");
        Problem problem = rejected("name", () -> fields.optionalString("name"));
        assertTrue(problem.message().contains("must be a string"), problem.message());
        rejected("name", () -> fields.requiredString("name"));
        rejected("name", () -> fields.requiredText("name", 1, 30));
    }

    @Test
    void numberIsNotCoercedToString() {
        rejected("url", () -> fields("{\"url\": 1883}").requiredString("url"));
    }

    @Test
    void nullAndAbsentStringsReadAsNull() {
        assertNull(fields("{\"name\": null}").optionalString("name"));
        assertNull(fields("{}").optionalString("name"));
        assertFalse(fields("{\"name\": null}").has("name"));
        assertFalse(fields("{}").has("name"));
        assertTrue(fields("{\"name\": \"\"}").has("name"));
    }

    @Test
    void optionalStringIsReturnedUntrimmed() {
        assertEquals(" x ", fields("{\"name\": \" x \"}").optionalString("name"));
    }

    @Test
    void absentOrNullRequiredStringIsRejected() {
        rejected("name", () -> fields("{}").requiredString("name"));
        rejected("name", () -> fields("{\"name\": null}").requiredString("name"));
        rejected("name", () -> fields("{}").requiredText("name", 1, 30));
    }

    @Test
    void requiredTextIsTrimmed() {
        assertEquals("ci deploy", withName("  ci deploy \t\n").requiredText("name", 1, 30));
    }

    @Test
    void blankRequiredTextIsRejected() {
        rejected("name", () -> withName("").requiredText("name", 1, 30));
        rejected("name", () -> withName("   ").requiredText("name", 1, 30));
    }

    @Test
    void thirtyEmojiFitThirtyCharacters() {
        String name = EMOJI.repeat(30);
        assertEquals(60, name.length());
        assertEquals(name, withName(name).requiredText("name", 1, 30));
    }

    @Test
    void thirtyOneEmojiExceedThirtyCharacters() {
        rejected("name", () -> withName(EMOJI.repeat(31)).requiredText("name", 1, 30));
    }

    @Test
    void lengthIsCountedAfterTrimming() {
        String name = "a".repeat(30);
        assertEquals(name, withName("  " + name + "  ").requiredText("name", 1, 30));
        rejected("name", () -> withName("a".repeat(31)).requiredText("name", 1, 30));
    }

    @Test
    void textShorterThanMinimumIsRejected() {
        rejected("name", () -> withName("ab").requiredText("name", 3, 30));
        assertEquals("abc", withName("abc").requiredText("name", 3, 30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ci\u0000deploy", "ci\u0007deploy", "ci\ndeploy", "ci\u007fdeploy"})
    void controlCharactersInsideTextAreRejected(String name) {
        rejected("name", () -> withName(name).requiredText("name", 1, 30));
    }

    @Test
    void arrayOfStringsIsRead() {
        assertEquals(List.of("a", "b", "a"), fields("{\"brokers\": [\"a\", \"b\", \"a\"]}").optionalStrings("brokers"));
        assertEquals(List.of(), fields("{\"brokers\": []}").optionalStrings("brokers"));
    }

    @Test
    void nullOrAbsentArrayReadsAsNull() {
        assertNull(fields("{\"brokers\": null}").optionalStrings("brokers"));
        assertNull(fields("{}").optionalStrings("brokers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\"", "1", "{}", "[1]", "[\"a\", 2]", "[null]", "[[\"a\"]]", "true"})
    void nonStringArrayIsRejected(String value) {
        JsonFields fields = fields("{\"brokers\": " + value + "}");
        rejected("brokers", () -> fields.optionalStrings("brokers"));
    }

    @Test
    void jsonNullValueIsNotAString() {
        // JsonValue.NULL is absent, not the text "null"
        JsonObject body = Json.createObjectBuilder().add("name", JsonValue.NULL).build();
        assertNull(JsonFields.of(body, ALLOWED).optionalString("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f",
            "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
            "\u2028", "\u2029", "\u061c", "\uDB40\uDC01"})
    void invisibleFormatCharactersAreRejectedAnywhere(String invisible) {
        rejected("name", () -> withName("a-admin" + invisible).requiredText("name", 1, 30));
        rejected("name", () -> withName("a-" + invisible + "admin").requiredText("name", 1, 30));
        rejected("name", () -> withName(invisible + "a-admin").requiredText("name", 1, 30));
        rejected("name", () -> withName(invisible).requiredText("name", 1, 30));
    }

    @Test
    void textIsNormalizedToNfc() {
        assertEquals("caf\u00e9", withName("cafe\u0301").requiredText("name", 1, 30));
        assertEquals("\u1e69", withName("s\u0323\u0307").requiredText("name", 1, 30));
        assertEquals("caf\u00e9", withName("caf\u00e9").requiredText("name", 1, 30));
    }

    @Test
    void lengthIsCountedAfterNfc() {
        String decomposed = "e\u0301".repeat(30);
        assertEquals(60, decomposed.codePointCount(0, decomposed.length()));
        assertEquals("\u00e9".repeat(30), withName(decomposed).requiredText("name", 1, 30));
    }

    @Test
    void visibleNonAsciiTextIsAccepted() {
        for (String name : List.of("M\u00fcnchen", "\u6771\u4eac", "\u05e9\u05dc\u05d5\u05dd", EMOJI + "\ufe0f", "a\u00a0b")) {
            assertEquals(name, withName(name).requiredText("name", 1, 30));
        }
    }
}
