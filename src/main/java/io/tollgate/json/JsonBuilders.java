package io.tollgate.json;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Collection;
import java.util.Map;

/**
 * JSON builders from one factory made once. {@code Json.createObjectBuilder()} looks the JSON-P
 * provider up through the service loader on every call, which showed in the token list's profile.
 */
public final class JsonBuilders {

    private static final JsonBuilderFactory FACTORY = Json.createBuilderFactory(Map.of());

    private JsonBuilders() {
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
