package io.tollgate.json;

import jakarta.json.JsonValue;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes JSON values (objects and arrays, and also {@code true}, strings, numbers) as compact UTF-8
 * with {@link CompactJson}: no JSON writer (and provider lookup) per response, and the bytes made
 * once. Declared for every {@code JsonValue}, not only {@code JsonStructure}: a runtime whose own
 * JSON-P writer is missing or displaced (RESTEasy on WildFly switches to Jackson when a library
 * carries Jackson annotations) would otherwise write a {@code JsonValue.TRUE} as a bean,
 * {@code {"valueType":"TRUE"}}. As an application provider it beats the runtime's writer for the same type.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class JsonValueWriter implements MessageBodyWriter<JsonValue> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonValue.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(JsonValue value, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream body)
            throws IOException {
        body.write(CompactJson.bytes(value));
    }
}
