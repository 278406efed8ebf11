package io.tollgate.requests.boundary;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;

/**
 * For the few actions whose body is optional ({@code POST …/resume} needs none, suspend and rotate
 * may omit theirs): no body at all reads as {@code {}}; any body is read by {@link JsonObjectReader},
 * as strictly as every other one (content type, UTF-8, repeated keys).
 */
public final class OptionalJsonBody {

    private static final JsonObjectReader READER = new JsonObjectReader();

    private OptionalJsonBody() {
    }

    /** The body as a JSON object, or an empty object when the request carries no body. */
    public static JsonObject read(HttpHeaders headers, InputStream body) {
        // the methods reading an optional body consume any type, because RESTEasy (WildFly) refuses a
        // bodyless request that names none where a method consumes JSON only; a named type is checked here
        if (headers.getMediaType() != null) {
            JsonObjectReader.requireJson(headers.getMediaType());
        }
        if (body == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        PushbackInputStream in = new PushbackInputStream(body, 1);
        try {
            int first = in.read();
            if (first < 0) {
                return JsonValue.EMPTY_JSON_OBJECT;
            }
            in.unread(first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return READER.readFrom(JsonObject.class, JsonObject.class, new Annotation[0], headers.getMediaType(),
                headers.getRequestHeaders(), in);
    }
}
