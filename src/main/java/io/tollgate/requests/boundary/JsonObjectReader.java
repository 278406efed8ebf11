package io.tollgate.requests.boundary;

import io.tollgate.errors.InvalidField;
import io.tollgate.errors.Malformed;
import io.tollgate.errors.UnsupportedContentType;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads every request body as one JSON object, strictly (spec section 8). The content type must be
 * {@code application/json} itself, never a wildcard (415). Bytes that are not UTF-8, half a surrogate
 * pair, a repeated key, nesting beyond {@link #MAX_DEPTH}, a number beyond
 * {@link #MAX_NUMBER_LENGTH} characters, malformed JSON, an empty body or trailing content are a 400
 * {@code MALFORMED_REQUEST}; a well-formed non-object a 400 {@code VALIDATION_FAILED}.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class JsonObjectReader implements MessageBodyReader<JsonObject> {

    /**
     * Objects and arrays open at once, the body itself included. Tollgate's bodies are two deep; the
     * limit is checked while streaming, so a deep body costs neither stack nor memory (the JSON-P
     * runtime's own limit, 1000, answered an unchecked exception, hence a logged 500).
     */
    static final int MAX_DEPTH = 32;

    /**
     * Characters of one number. No Tollgate field is a number; beyond the runtime's own limit
     * (1100) it threw an unchecked exception, hence a logged 500.
     */
    static final int MAX_NUMBER_LENGTH = 100;

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    /** Looked up once: each {@code Json.createValue} looks the provider up through the service loader (a class path scan). */
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations,
                               MediaType mediaType, MultivaluedMap<String, String> headers, InputStream body) {
        requireJson(mediaType);
        // JSON is UTF-8 (RFC 8259): a charset parameter changes nothing, and bytes that are not
        // UTF-8 fail the read instead of becoming U+FFFD
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        JsonValue value;
        try (JsonParser parser = PARSERS.createParser(reader)) {
            if (!parser.hasNext()) {
                throw new Malformed("request body must be a JSON object");
            }
            value = readValue(parser);
            if (parser.hasNext()) {
                throw new Malformed("request body holds more than one JSON value");
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            // a decoding failure arrives here too, wrapped by the parser; stay generic
            throw new Malformed("request body is not well-formed JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidField("body", "request body must be a JSON object");
        }
        return value.asJsonObject();
    }

    /**
     * {@code @Consumes} lets {@code *}{@code /*} and {@code application/*} through (a wildcard is
     * compatible with anything), and a body without a content type may reach here as octet-stream.
     */
    static void requireJson(MediaType mediaType) {
        if (mediaType == null || !"application".equalsIgnoreCase(mediaType.getType())
                || !"json".equalsIgnoreCase(mediaType.getSubtype())) {
            throw new UnsupportedContentType("request body must be application/json");
        }
    }

    /** One value, built from parser events with an explicit stack instead of recursion. */
    private static JsonValue readValue(JsonParser parser) {
        Deque<Open> open = new ArrayDeque<>();
        while (true) {
            JsonValue done;
            JsonParser.Event event = parser.next();
            switch (event) {
                case START_OBJECT, START_ARRAY -> {
                    if (open.size() == MAX_DEPTH) {
                        throw new Malformed("request body is nested deeper than " + MAX_DEPTH + " levels");
                    }
                    open.push(event == JsonParser.Event.START_OBJECT ? new OpenObject() : new OpenArray());
                    continue;
                }
                case KEY_NAME -> {
                    open.peek().key(wellFormed(parser.getString()));
                    continue;
                }
                case END_OBJECT, END_ARRAY -> done = open.pop().build();
                case VALUE_STRING -> done = PROVIDER.createValue(wellFormed(parser.getString()));
                case VALUE_NUMBER -> {
                    if (parser.getString().length() > MAX_NUMBER_LENGTH) {
                        throw new Malformed("request body holds a number longer than " + MAX_NUMBER_LENGTH
                                + " characters");
                    }
                    done = parser.getValue();
                }
                case VALUE_TRUE -> done = JsonValue.TRUE;
                case VALUE_FALSE -> done = JsonValue.FALSE;
                case VALUE_NULL -> done = JsonValue.NULL;
                default -> throw new Malformed("request body is not well-formed JSON");
            }
            if (open.isEmpty()) {
                return done;
            }
            open.peek().add(done);
        }
    }

    /** A JSON escape can still produce half a surrogate pair: such a string is not Unicode text. */
    private static String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Malformed("request body holds half a surrogate pair (not Unicode text)");
            }
        }
        return text;
    }

    /** An object or array being read. */
    private interface Open {
        default void key(String key) {
            throw new IllegalStateException("key outside an object");
        }

        void add(JsonValue value);

        JsonValue build();
    }

    private static final class OpenObject implements Open {
        private final JsonObjectBuilder builder = BUILDERS.createObjectBuilder();
        private final Set<String> keys = new HashSet<>();
        private String key;

        @Override
        public void key(String name) {
            if (!keys.add(name)) {
                // the runtime would keep the last one silently; the client meant something else
                throw new Malformed("request body repeats a key in one object");
            }
            key = name;
        }

        @Override
        public void add(JsonValue value) {
            builder.add(key, value);
        }

        @Override
        public JsonValue build() {
            return builder.build();
        }
    }

    private static final class OpenArray implements Open {
        private final JsonArrayBuilder builder = BUILDERS.createArrayBuilder();

        @Override
        public void add(JsonValue value) {
            builder.add(value);
        }

        @Override
        public JsonValue build() {
            return builder.build();
        }
    }
}
