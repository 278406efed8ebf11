package io.tollgate.openapi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;

/**
 * The JSON object {@code {}} in an example of the OpenAPI document. Payara writes the document with
 * Jackson set to leave out empty values, an empty map included; Jackson never counts a
 * {@link JsonSerializable} (that is not its {@code Base}) as empty, so this one is written.
 */
final class EmptyJsonObject implements JsonSerializable {

    static final EmptyJsonObject INSTANCE = new EmptyJsonObject();

    private EmptyJsonObject() {
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
        generator.writeStartObject();
        generator.writeEndObject();
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider serializers, TypeSerializer types)
            throws IOException {
        serialize(generator, serializers);
    }

    @Override
    public String toString() {
        return "{}";
    }
}
