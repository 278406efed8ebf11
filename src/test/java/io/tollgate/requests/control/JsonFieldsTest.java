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
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
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

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();

    private record Name(@Text(max = 30) String name) {
        Name {
            name = TextValidator.normalize(name);
        }
    }

    private record LongName(@Text(min = 3, max = 30) String name) {
        LongName {
            name = TextValidator.normalize(name);
        }
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    /**
     * A name read strictly, normalised and checked by {@link Text} of {@code min..30} code points, as a
     * request record does; a violation is thrown as the {@code InvalidField} it answers like.
     */
    private static String text(String raw, int min) {
        String read = JsonFields.of(Json.createObjectBuilder().add("name", raw).build(), ALLOWED).optionalString("name");
        Object request = min == 3 ? new LongName(read) : new Name(read);
        var violations = FACTORY.getValidator().validate(request);
        if (!violations.isEmpty()) {
            throw new InvalidField("name", "name " + violations.iterator().next().getMessage());
        }
        return min == 3 ? ((LongName) request).name() : ((Name) request).name();
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
    }

    @Test
    void numberIsNotCoercedToString() {
        rejected("url", () -> fields("{\"url\": 1883}").optionalString("url"));
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
    void textIsTrimmed() {
        assertEquals("ci deploy", text("  ci deploy \t\n", 1));
    }

    @Test
    void blankTextIsRejected() {
        rejected("name", () -> text("", 1));
        rejected("name", () -> text("   ", 1));
    }

    @Test
    void thirtyEmojiFitThirtyCharacters() {
        String name = EMOJI.repeat(30);
        assertEquals(60, name.length());
        assertEquals(name, text(name, 1));
    }

    @Test
    void thirtyOneEmojiExceedThirtyCharacters() {
        rejected("name", () -> text(EMOJI.repeat(31), 1));
    }

    @Test
    void lengthIsCountedAfterTrimming() {
        String name = "a".repeat(30);
        assertEquals(name, text("  " + name + "  ", 1));
        rejected("name", () -> text("a".repeat(31), 1));
    }

    @Test
    void textShorterThanMinimumIsRejected() {
        rejected("name", () -> text("ab", 3));
        assertEquals("abc", text("abc", 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ci\u0000deploy", "ci\u0007deploy", "ci\ndeploy", "ci\u007fdeploy"})
    void controlCharactersInsideTextAreRejected(String name) {
        rejected("name", () -> text(name, 1));
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
        rejected("name", () -> text("a-admin" + invisible, 1));
        rejected("name", () -> text("a-" + invisible + "admin", 1));
        rejected("name", () -> text(invisible + "a-admin", 1));
        rejected("name", () -> text(invisible, 1));
    }

    @Test
    void textIsNormalizedToNfc() {
        assertEquals("caf\u00e9", text("cafe\u0301", 1));
        assertEquals("\u1e69", text("s\u0323\u0307", 1));
        assertEquals("caf\u00e9", text("caf\u00e9", 1));
    }

    @Test
    void lengthIsCountedAfterNfc() {
        String decomposed = "e\u0301".repeat(30);
        assertEquals(60, decomposed.codePointCount(0, decomposed.length()));
        assertEquals("\u00e9".repeat(30), text(decomposed, 1));
    }

    @Test
    void visibleNonAsciiTextIsAccepted() {
        for (String name : List.of("M\u00fcnchen", "\u6771\u4eac", "\u05e9\u05dc\u05d5\u05dd", EMOJI + "\ufe0f", "a\u00a0b")) {
            assertEquals(name, text(name, 1));
        }
    }

    @Test
    void wholeNumbersAreReadAndEverythingElseIsRefusedNamingTheField() {
        JsonFields fields = JsonFields.of(json("{\"a\":3600,\"b\":1.5,\"c\":\"60\",\"d\":1e400,\"e\":null,"
                + "\"f\":1.0,\"g\":-7}"), Set.of("a", "b", "c", "d", "e", "f", "g"));
        assertEquals(3600L, fields.optionalInteger("a"));
        assertEquals(-7L, fields.optionalInteger("g"));
        assertNull(fields.optionalInteger("e"));
        assertNull(fields.optionalInteger("absent"));
        for (String field : List.of("b", "c", "d", "f")) {
            InvalidField refused = assertThrows(InvalidField.class, () -> fields.optionalInteger(field), field);
            assertEquals(field, refused.field());
        }
    }
}
