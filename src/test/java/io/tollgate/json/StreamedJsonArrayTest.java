package io.tollgate.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The streamed array is the whole array's bytes, written page by page: each page is read only after
 * the one before it has been written out, so the writer never holds more than a page of items.
 */
class StreamedJsonArrayTest {

    /** An item's JSON, with a non-ASCII name and an escape, as a token's would have. */
    private static final Function<Integer, JsonObject> JSON = i -> JsonBuilders.object()
            .add("id", "t-" + i).add("name", "n\u00e9\"" + i).add("issue_date", 1_795_000_000_000L + i)
            .addNull("token").add("brokers", JsonBuilders.array(List.of("b" + i))).build();

    /** The items {@code 0..count-1}, read {@code size} at a time, recording what was written before each read. */
    private static final class Source {
        final int count;
        final int size;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<Integer> afters = new ArrayList<>();
        final List<Integer> writtenAtRead = new ArrayList<>();

        Source(int count, int size) {
            this.count = count;
            this.size = size;
        }

        List<Integer> page(int from) {
            writtenAtRead.add(out.size());
            return IntStream.range(from, Math.min(count, from + size)).boxed().toList();
        }

        byte[] stream() throws IOException {
            StreamedJsonArray.paged(page(0), size, last -> {
                afters.add(last);
                return page(last + 1);
            }, JSON).write(out);
            return out.toByteArray();
        }
    }

    private static byte[] whole(int count) {
        JsonArrayBuilder array = JsonBuilders.array();
        IntStream.range(0, count).forEach(i -> array.add(JSON.apply(i)));
        return CompactJson.bytes(array.build());
    }

    @Test
    void pagedArrayIsByteForByteTheWholeArraysCompactJson() throws IOException {
        for (int count : List.of(0, 1, 6, 7, 8, 20, 21)) {
            assertArrayEquals(whole(count), new Source(count, 7).stream(), "count " + count);
        }
    }

    @Test
    void eachPageIsReadOnceThePreviousOneIsWrittenOutAndAfterItsLastItem() throws IOException {
        Source source = new Source(20, 7);
        assertArrayEquals(whole(20), source.stream());
        assertEquals(List.of(6, 13), source.afters, "keyed by the previous page's last item");
        // "[" and the items so far are out (the whole array of them but its closing "]") when a page is read
        assertEquals(List.of(0, whole(7).length - 1, whole(14).length - 1), source.writtenAtRead,
                "7 + 7 + 6: each page read once the one before is written, the short one ends it");
    }

    @Test
    void aFullLastPageCostsOneMoreReadThatComesBackEmpty() throws IOException {
        Source source = new Source(14, 7);
        assertArrayEquals(whole(14), source.stream());
        assertEquals(List.of(6, 13), source.afters);
    }

    @Test
    void aSinglePageNeverReadsMore() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamedJsonArray.of(List.of(0, 1, 2), JSON).write(out);
        assertArrayEquals(whole(3), out.toByteArray());
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        StreamedJsonArray.of(List.<Integer>of(), JSON).write(empty);
        assertEquals("[]", empty.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aPageHoldsAtLeastOneItem() {
        assertThrows(IllegalArgumentException.class, () -> StreamedJsonArray.paged(List.of(1), 0, last -> List.of(), JSON));
    }
}
