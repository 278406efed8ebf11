package io.tollgate.openapi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;

/**
 * A {@code {}} or a {@code null} in an example of the OpenAPI document. Payara writes the document
 * with Jackson set to leave out null and empty values, an empty map included; Jackson never counts a
 * {@link JsonSerializable} (that is not its {@code Base}) as either, so these are written.
 */
final class KeptJsonValue implements JsonSerializable {

    static final KeptJsonValue EMPTY_OBJECT = new KeptJsonValue(false);
    static final KeptJsonValue NULL = new KeptJsonValue(true);

    private final boolean isNull;

    private KeptJsonValue(boolean isNull) {
        this.isNull = isNull;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
        if (isNull) {
            generator.writeNull();
        } else {
            generator.writeStartObject();
            generator.writeEndObject();
        }
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider serializers, TypeSerializer types)
            throws IOException {
        serialize(generator, serializers);
    }

    @Override
    public String toString() {
        return isNull ? "null" : "{}";
    }
}
