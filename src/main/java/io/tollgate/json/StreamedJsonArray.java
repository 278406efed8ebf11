package io.tollgate.json;

import jakarta.json.JsonValue;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

/**
 * A JSON array answered as its items are read, one page at a time: the server holds one page of
 * items and one item's JSON, however long the array is. Byte for byte what {@link CompactJson} writes
 * for the whole array (each item's compact JSON, separated by commas). The status and headers are
 * sent before the first byte; a page that fails to read after that can only cut the answer short,
 * so the caller reads the first page before answering, where a failure still gets the error body.
 *
 * @param <T> what the items are read as (entities), each turned into JSON only as it is written
 */
public final class StreamedJsonArray<T> implements StreamingOutput {

    /** Reads the page that follows {@code last}, the previous page's last item; empty at the end. */
    @FunctionalInterface
    public interface NextPage<T> {
        List<T> after(T last);
    }

    private final List<T> first;
    private final int pageSize;
    private final NextPage<T> next;
    private final Function<? super T, ? extends JsonValue> json;

    private StreamedJsonArray(List<T> first, int pageSize, NextPage<T> next,
                              Function<? super T, ? extends JsonValue> json) {
        this.first = first;
        this.pageSize = pageSize;
        this.next = next;
        this.json = json;
    }

    /** The items of one page already read, and no more. */
    public static <T> StreamedJsonArray<T> of(List<T> items, Function<? super T, ? extends JsonValue> json) {
        return new StreamedJsonArray<>(items, Integer.MAX_VALUE, null, json);
    }

    /**
     * {@code first} (read with at most {@code pageSize} items), then the pages {@code next} reads after
     * it, until one holds fewer than {@code pageSize}.
     */
    public static <T> StreamedJsonArray<T> paged(List<T> first, int pageSize, NextPage<T> next,
                                                 Function<? super T, ? extends JsonValue> json) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("a page holds at least one item");
        }
        return new StreamedJsonArray<>(first, pageSize, next, json);
    }

    @Override
    public void write(OutputStream out) throws IOException {
        out.write('[');
        boolean separate = false;
        List<T> page = first;
        while (true) {
            for (T item : page) {
                if (separate) {
                    out.write(',');
                }
                out.write(CompactJson.bytes(json.apply(item)));
                separate = true;
            }
            if (next == null || page.size() < pageSize) {
                break;
            }
            page = next.after(page.get(page.size() - 1));
        }
        out.write(']');
    }
}
