package io.tollgate.json;

import jakarta.json.JsonStructure;
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
 * Writes JSON objects and arrays as compact UTF-8 with {@link CompactJson}: no JSON writer (and
 * provider lookup) per response, and the bytes made once. Declared for {@code JsonStructure} so that it ties with, and as an application provider
 * beats, the runtime's writer for the same type.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class JsonValueWriter implements MessageBodyWriter<JsonStructure> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonStructure.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(JsonStructure value, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream body)
            throws IOException {
        body.write(CompactJson.bytes(value));
    }
}
