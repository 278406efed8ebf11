package io.tollgate.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The answer bytes are exactly what JSON-P's own {@code toString()} writes, encoded as UTF-8. */
class CompactJsonTest {

    private static void assertSameAsJsonP(JsonValue value) {
        assertArrayEquals(value.toString().getBytes(StandardCharsets.UTF_8), CompactJson.bytes(value), value.toString());
    }

    @Test
    void objectsArraysNumbersLiteralsAndNullsAreWrittenAsJsonPWritesThem() {
        assertSameAsJsonP(JsonBuilders.object()
                .add("id", "6f1c0c8e-2b7e-4a50-9d1e-1c1f0ab1e2c3").add("issue_date", 1795858201114L)
                .add("n", 0).add("neg", -17).add("big", new BigDecimal("12345678901234567890.50")).add("d", 0.25)
                .add("t", true).add("f", false).addNull("none")
                .add("empty", JsonBuilders.object()).add("list", JsonBuilders.array())
                .add("brokers", JsonBuilders.array(List.of("a", "b")))
                .add("nested", JsonBuilders.array().add(JsonBuilders.object().add("x", JsonBuilders.array().add(1).addNull())))
                .build());
        assertSameAsJsonP(JsonBuilders.array().build());
        assertSameAsJsonP(JsonBuilders.object().build());
        assertSameAsJsonP(Json.createValue("top-level string"));
        assertSameAsJsonP(JsonValue.TRUE);
        assertSameAsJsonP(JsonValue.NULL);
    }

    @Test
    void stringsAreEscapedAsJsonPEscapesThemControlCharactersQuotesAndBackslashes() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            every.append(c);
        }
        assertSameAsJsonP(JsonBuilders.object().add("ascii \"\\/\u0000\u001f\u007f", every.toString()).build());
        assertSameAsJsonP(JsonBuilders.array().add("line\nbreak\ttab\rreturn\bback\fform\"quote\\slash</script>").build());
    }

    @Test
    void nonAsciiIsUtf8SurrogatePairsAreOneCodePointAndALoneSurrogateIsAQuestionMark() {
        assertSameAsJsonP(JsonBuilders.array().add("é ü ß € 中文 ǅ \u07ff \u0800 \uffff").add("emoji 😀 𝄞 and 🚀!")
                .add("lone \ud800 high, lone \udc00 low, reversed \udc00\ud800, high at end \ud83d").build());
    }

    @Test
    void longAndRandomStringsGrowTheBufferWithoutLosingABit() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(round < 100 ? 64 : 5000);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(10);
                text.append((char) (kind < 6 ? 0x20 + random.nextInt(0x60) : kind < 8 ? random.nextInt(0x20)
                        : kind < 9 ? 0x80 + random.nextInt(0x780) : random.nextInt(0x10000)));
            }
            assertSameAsJsonP(JsonBuilders.object().add(text.toString(), text.toString())
                    .add("list", JsonBuilders.array().add(text.toString()).add(round)).build());
        }
    }
}
