package io.tollgate.requests.boundary;

import io.tollgate.problems.entity.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads every request body as one JSON object, strictly: malformed JSON, an empty body or trailing
 * content are a 400 {@code MALFORMED_REQUEST}; a well-formed non-object a 400
 * {@code VALIDATION_FAILED}.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class JsonObjectReader implements MessageBodyReader<JsonObject> {

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations,
                               MediaType mediaType, MultivaluedMap<String, String> headers, InputStream body) {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
        try (JsonParser parser = PARSERS.createParser(reader)) {
            if (!parser.hasNext()) {
                throw ApiException.malformed("request body must be a JSON object");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw ApiException.malformed("request body holds more than one JSON value");
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiException.validation("body", "request body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            // parser messages quote positions, never the content, but stay generic anyway
            throw ApiException.malformed("request body is not well-formed JSON");
        }
    }
}
