package io.tollgate.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Compact UTF-8 JSON of a {@link JsonValue}, byte for byte what {@code value.toString()} gives, written
 * straight into one byte array. The runtime's way ({@code toString()}: a JSON writer into a
 * synchronized {@code StringWriter}, then the String encoded again) was an eighth of the token list's
 * CPU time in a profile; here ASCII, nearly all of an answer, goes one byte per char with no encoder.
 * Strings are escaped as JSON-P's generator escapes them: {@code \"}, {@code \\}, the short forms of
 * backspace, form feed, newline, carriage return and tab, {@code \\u00XX} for the other control
 * characters; everything else is written as it is, in UTF-8 (an unpaired surrogate becomes {@code ?},
 * as the JDK's encoder makes it).
 */
public final class CompactJson {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private byte[] bytes;
    private int size;

    private CompactJson(int capacity) {
        bytes = new byte[capacity];
    }

    /** The UTF-8 bytes of {@code value}'s compact JSON. */
    public static byte[] bytes(JsonValue value) {
        CompactJson out = new CompactJson(value instanceof JsonArray array ? 256 + 512 * array.size() : 512);
        out.value(value);
        return Arrays.copyOf(out.bytes, out.size);
    }

    private void value(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> object((JsonObject) value);
            case ARRAY -> array((JsonArray) value);
            case STRING -> string(((JsonString) value).getString());
            case NUMBER -> ascii(value.toString());
            case TRUE -> raw(TRUE);
            case FALSE -> raw(FALSE);
            case NULL -> raw(NULL);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getValueType());
        }
    }

    private void object(JsonObject object) {
        put('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            if (!first) {
                put(',');
            }
            first = false;
            string(member.getKey());
            put(':');
            value(member.getValue());
        }
        put('}');
    }

    private void array(JsonArray array) {
        put('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                put(',');
            }
            value(array.get(i));
        }
        put(']');
    }

    private void string(String text) {
        ensure(text.length() + 2);
        bytes[size++] = '"';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                if (size == bytes.length) {
                    ensure(text.length() - i + 1);
                }
                bytes[size++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else {
                i = utf8(text, i);
            }
        }
        put('"');
    }

    private void escape(char c) {
        switch (c) {
            case '"' -> pair('"');
            case '\\' -> pair('\\');
            case '\b' -> pair('b');
            case '\f' -> pair('f');
            case '\n' -> pair('n');
            case '\r' -> pair('r');
            case '\t' -> pair('t');
            default -> {
                ensure(6);
                bytes[size++] = '\\';
                bytes[size++] = 'u';
                bytes[size++] = '0';
                bytes[size++] = '0';
                bytes[size++] = HEX[c >> 4];
                bytes[size++] = HEX[c & 0xf];
            }
        }
    }

    private void pair(char escaped) {
        ensure(2);
        bytes[size++] = '\\';
        bytes[size++] = (byte) escaped;
    }

    /** Encodes the non-ASCII character at {@code i} (with its low surrogate); answers the last index used. */
    private int utf8(String text, int i) {
        char c = text.charAt(i);
        ensure(4);
        if (c < 0x800) {
            bytes[size++] = (byte) (0xc0 | (c >> 6));
            bytes[size++] = (byte) (0x80 | (c & 0x3f));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            int code = Character.toCodePoint(c, text.charAt(i + 1));
            bytes[size++] = (byte) (0xf0 | (code >> 18));
            bytes[size++] = (byte) (0x80 | ((code >> 12) & 0x3f));
            bytes[size++] = (byte) (0x80 | ((code >> 6) & 0x3f));
            bytes[size++] = (byte) (0x80 | (code & 0x3f));
            return i + 1;
        }
        if (Character.isSurrogate(c)) {
            bytes[size++] = '?';
            return i;
        }
        bytes[size++] = (byte) (0xe0 | (c >> 12));
        bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        bytes[size++] = (byte) (0x80 | (c & 0x3f));
        return i;
    }

    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    private void raw(byte[] literal) {
        ensure(literal.length);
        System.arraycopy(literal, 0, bytes, size, literal.length);
        size += literal.length;
    }

    private void put(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
