package io.tollgate.hooks.boundary;

import io.tollgate.errors.InvalidField;
import io.tollgate.errors.Malformed;
import io.tollgate.errors.TooLarge;
import io.tollgate.requests.boundary.BodySizeLimit;
import io.tollgate.requests.boundary.JsonObjectReader;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A broker's request body, read strictly in its contract's format (spec sections 8 and 9): the API's
 * size limit, its content type and nothing else, UTF-8 only, no repeated field, and each field of
 * exactly the type the broker sends (a JSON string, a JSON integer, a form field): anything else is
 * a 400 with the error body naming the field. Fields the contract does not read are ignored.
 */
public final class HookBody {

    /** No MQTT string (username, client id, topic) is longer than 65 535 bytes; the body limit is about as long. */
    static final int MAX_FIELD = 65_535;

    private final JsonObject json;
    private final Map<String, String> form;

    private HookBody(JsonObject json, Map<String, String> form) {
        this.json = json;
        this.form = form;
    }

    /**
     * Reads a body of {@code contentType} in {@code format}: 413 beyond the API's limit, 400 for any
     * other content type (a broker answered 415 would not say more), malformed content or a non-object.
     */
    public static HookBody read(BodyFormat format, String contentType, long declaredLength, InputStream in) {
        if (declaredLength > BodySizeLimit.LIMIT) {
            throw new TooLarge(BodySizeLimit.LIMIT);
        }
        if (!isOfType(contentType, format.mediaType())) {
            throw new Malformed("request body must be " + format.mediaType());
        }
        byte[] bytes = readLimited(in);
        if (format == BodyFormat.JSON) {
            JsonObject object = new JsonObjectReader().readFrom(JsonObject.class, JsonObject.class, new Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(bytes));
            return new HookBody(object, null);
        }
        return new HookBody(null, parseForm(bytes));
    }

    /** A body already parsed (tests). */
    static HookBody of(JsonObject json) {
        return new HookBody(json, null);
    }

    /** A required text field: a JSON string, or a form field. */
    public String string(String name) {
        String value = optionalString(name);
        if (value == null) {
            throw new InvalidField(name, name + " is required");
        }
        return value;
    }

    /** A text field that may be absent (null). */
    public String optionalString(String name) {
        String value;
        if (json != null) {
            JsonValue field = json.get(name);
            if (field == null) {
                return null;
            }
            if (!(field instanceof JsonString text)) {
                throw new InvalidField(name, name + " must be a JSON string");
            }
            value = text.getString();
        } else {
            value = form.get(name);
            if (value == null) {
                return null;
            }
        }
        if (value.length() > MAX_FIELD) {
            throw new InvalidField(name, name + " is longer than " + MAX_FIELD + " characters");
        }
        return value;
    }

    /** A required integer: a JSON number without fraction or exponent, or a form field of decimal digits. */
    public int integer(String name) {
        if (json != null) {
            JsonValue field = json.get(name);
            if (field == null) {
                throw new InvalidField(name, name + " is required");
            }
            if (!(field instanceof JsonNumber number) || !number.toString().matches("-?[0-9]{1,9}")) {
                throw new InvalidField(name, name + " must be a JSON integer");
            }
            return number.intValueExact();
        }
        String text = string(name);
        if (!text.matches("-?[0-9]{1,9}")) {
            throw new InvalidField(name, name + " must be an integer");
        }
        return Integer.parseInt(text);
    }

    /** A required field that must be one of {@code values}; answered as given. */
    public String oneOf(String name, String... values) {
        String value = string(name);
        for (String allowed : values) {
            if (allowed.equals(value)) {
                return value;
            }
        }
        throw new InvalidField(name, name + " must be one of " + String.join(", ", values));
    }

    static boolean isOfType(String contentType, String expected) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.toLowerCase(Locale.ROOT).equals(expected);
    }

    private static byte[] readLimited(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > BodySizeLimit.LIMIT) {
                    throw new TooLarge(BodySizeLimit.LIMIT);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code application/x-www-form-urlencoded}, strictly: valid escapes, UTF-8 only, each name once. */
    static Map<String, String> parseForm(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = start;
            while (end < body.length && body[end] != '&') {
                end++;
            }
            if (end > start) {
                int equals = start;
                while (equals < end && body[equals] != '=') {
                    equals++;
                }
                String name = decode(body, start, equals);
                String value = equals < end ? decode(body, equals + 1, end) : "";
                if (fields.put(name, value) != null) {
                    throw new Malformed("request body repeats the field " + name);
                }
            }
            start = end + 1;
        }
        return fields;
    }

    private static String decode(byte[] body, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out[n++] = ' ';
            } else if (b == '%') {
                if (i + 2 >= to || Character.digit(body[i + 1], 16) < 0 || Character.digit(body[i + 2], 16) < 0) {
                    throw new Malformed("request body has a malformed percent escape");
                }
                out[n++] = (byte) (Character.digit(body[i + 1], 16) * 16 + Character.digit(body[i + 2], 16));
                i += 2;
            } else {
                out[n++] = b;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("request body is not UTF-8");
        }
    }
}
