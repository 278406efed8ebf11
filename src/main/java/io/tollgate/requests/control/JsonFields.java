package io.tollgate.requests.control;

import io.tollgate.errors.InvalidField;
import io.tollgate.errors.Malformed;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Strict reading of request fields: JSON types are never coerced, {@code null} counts as absent,
 * and unknown fields are refused so that a misspelt field cannot silently fall back to a default.
 */
public final class JsonFields {

    private final JsonObject body;

    private JsonFields(JsonObject body) {
        this.body = body;
    }

    public static JsonFields of(JsonObject body, Set<String> allowed) {
        if (body == null) {
            throw new Malformed("request body must be a JSON object");
        }
        for (String key : body.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidField(key, "unknown field '" + key + "'");
            }
        }
        return new JsonFields(body);
    }

    public boolean has(String field) {
        JsonValue value = body.get(field);
        return value != null && value.getValueType() != JsonValue.ValueType.NULL;
    }

    /** A string field, or {@code null} if absent or null. */
    public String optionalString(String field) {
        if (!has(field)) {
            return null;
        }
        JsonValue value = body.get(field);
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidField(field, field + " must be a string");
        }
        return ((JsonString) value).getString();
    }

    /**
     * A field of a shape these readers do not know (an array of objects), as it came, or {@code null} if
     * absent or null: the record that takes it reads it, as strictly.
     */
    public JsonValue optionalValue(String field) {
        return has(field) ? body.get(field) : null;
    }

    /** An array of strings, or {@code null} if absent or null. */
    public List<String> optionalStrings(String field) {
        if (!has(field)) {
            return null;
        }
        JsonValue value = body.get(field);
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidField(field, field + " must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (JsonValue item : (JsonArray) value) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw new InvalidField(field, field + " must be an array of strings");
            }
            result.add(((JsonString) item).getString());
        }
        return result;
    }

    /**
     * A whole-number field, or {@code null} if absent or null. {@code 3600.0}, a string, or a number
     * beyond {@code long} is refused: no coercion.
     */
    public Long optionalInteger(String field) {
        if (!has(field)) {
            return null;
        }
        JsonValue value = body.get(field);
        if (value.getValueType() == JsonValue.ValueType.NUMBER) {
            JsonNumber number = (JsonNumber) value;
            if (number.isIntegral()) {
                try {
                    return number.bigIntegerValueExact().longValueExact();
                } catch (ArithmeticException tooLarge) {
                    throw new InvalidField(field, field + " is out of range");
                }
            }
        }
        throw new InvalidField(field, field + " must be a whole number");
    }
}
