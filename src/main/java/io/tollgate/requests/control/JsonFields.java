package io.tollgate.requests.control;

import io.tollgate.errors.InvalidField;
import io.tollgate.errors.Malformed;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.text.Normalizer;
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

    public String requiredString(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw new InvalidField(field, field + " is required");
        }
        return value;
    }

    /**
     * A trimmed string in Unicode NFC of {@code min..max} code points, without invisible format
     * characters: names that look alike must be equal, so that uniqueness means what a reader sees.
     */
    public String requiredText(String field, int min, int max) {
        String raw = requiredString(field);
        // checked before trimming: U+2028/U+2029 count as whitespace and would be stripped silently
        if (raw.codePoints().anyMatch(JsonFields::isInvisibleFormat)) {
            throw new InvalidField(field, field
                    + " must not contain invisible format characters (zero-width, bidi controls, BOM, line separators)");
        }
        String value = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw new InvalidField(field,
                    field + " must be " + min + " to " + max + " characters long");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidField(field, field + " must not contain control characters");
        }
        return value;
    }

    /** Zero-width characters, joiners, bidi controls, BOM, soft hyphen, tags; line and paragraph separators. */
    private static boolean isInvisibleFormat(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
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
}
