package io.tollgate.json;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.Collection;
import java.util.Map;

/**
 * JSON builders from one factory made once. {@code Json.createObjectBuilder()} looks the JSON-P
 * provider up through the service loader on every call, which showed in the token list's profile.
 */
public final class JsonBuilders {

    private static final JsonBuilderFactory FACTORY = Json.createBuilderFactory(Map.of());
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonBuilders() {
    }

    /** A JSON number, without {@code Json.createValue}'s provider lookup. */
    public static JsonNumber number(long value) {
        return PROVIDER.createValue(value);
    }

    public static JsonObjectBuilder object() {
        return FACTORY.createObjectBuilder();
    }

    /** A builder that starts with the members of {@code json}, to add more. */
    public static JsonObjectBuilder object(JsonObject json) {
        return FACTORY.createObjectBuilder(json);
    }

    public static JsonArrayBuilder array() {
        return FACTORY.createArrayBuilder();
    }

    /** An array of these strings, in their order. */
    public static JsonArrayBuilder array(Collection<String> strings) {
        JsonArrayBuilder array = FACTORY.createArrayBuilder();
        strings.forEach(array::add);
        return array;
    }
}
