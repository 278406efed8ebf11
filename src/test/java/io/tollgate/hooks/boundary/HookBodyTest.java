package io.tollgate.hooks.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tollgate.errors.InvalidField;
import io.tollgate.errors.Malformed;
import io.tollgate.errors.TooLarge;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The brokers' bodies, read strictly in their contract's format and types. */
class HookBodyTest {

    private static HookBody json(String body) {
        return HookBody.read(BodyFormat.JSON, "application/json", -1, stream(body));
    }

    private static HookBody form(String body) {
        return HookBody.read(BodyFormat.FORM, "application/x-www-form-urlencoded", -1, stream(body));
    }

    private static ByteArrayInputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void emqxSendsEveryFieldAsAString() {
        HookBody body = json("{\"username\":\"u\",\"qos\":\"1\",\"retain\":\"false\"}");
        assertEquals("u", body.string("username"));
        assertEquals("1", body.oneOf("qos", "0", "1", "2"));
        assertNull(body.optionalString("peerhost"));
        InvalidField number = assertThrows(InvalidField.class, () -> json("{\"qos\":1}").oneOf("qos", "0", "1", "2"));
        assertEquals("qos", number.field());
        assertThrows(InvalidField.class, () -> json("{\"retain\":false}").string("retain"));
        assertThrows(InvalidField.class, () -> json("{\"username\":null}").string("username"));
        assertEquals("username", assertThrows(InvalidField.class, () -> json("{}").string("username")).field());
        assertThrows(InvalidField.class, () -> json("{\"qos\":\"3\"}").oneOf("qos", "0", "1", "2"));
    }

    @Test
    void goAuthSendsAccAsAnInteger() {
        assertEquals(4, json("{\"acc\":4}").integer("acc"));
        assertEquals("acc", assertThrows(InvalidField.class, () -> json("{\"acc\":\"4\"}").integer("acc")).field());
        assertThrows(InvalidField.class, () -> json("{\"acc\":4.0}").integer("acc"));
        assertThrows(InvalidField.class, () -> json("{\"acc\":99999999999}").integer("acc"));
    }

    @Test
    void rabbitMqSendsFormFields() {
        HookBody body = form("username=a%2Fb&password=p+q&vhost=%2F&empty=");
        assertEquals("a/b", body.string("username"));
        assertEquals("p q", body.string("password"));
        assertEquals("/", body.string("vhost"));
        assertEquals("", body.string("empty"));
        assertEquals(Map.of("k", "\u00e9"), HookBody.parseForm("k=%C3%A9".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(Malformed.class, () -> form("a=1&a=2"));
        assertThrows(Malformed.class, () -> form("a=%FF"));
        assertThrows(Malformed.class, () -> form("a=%4"));
        assertThrows(Malformed.class, () -> form("a=%zz"));
    }

    @Test
    void aBodyIsOnlyReadInItsContractsFormatAndWithinTheLimit() {
        assertThrows(Malformed.class, () -> HookBody.read(BodyFormat.JSON, "application/x-www-form-urlencoded", -1, stream("a=1")));
        assertThrows(Malformed.class, () -> HookBody.read(BodyFormat.FORM, "application/json", -1, stream("{}")));
        assertThrows(Malformed.class, () -> HookBody.read(BodyFormat.JSON, null, -1, stream("{}")));
        assertEquals("u", HookBody.read(BodyFormat.JSON, "Application/JSON; charset=utf-8", -1,
                stream("{\"username\":\"u\"}")).string("username"));
        assertThrows(Malformed.class, () -> json("{\"a\":\"1\",\"a\":\"2\"}"));
        assertThrows(Malformed.class, () -> json("{"));
        assertThrows(InvalidField.class, () -> json("[]"));
        assertThrows(TooLarge.class, () -> HookBody.read(BodyFormat.JSON, "application/json", 70_000, stream("{}")));
        assertThrows(TooLarge.class, () -> json("{\"a\":\"" + "x".repeat(70_000) + "\"}"));
    }
}
