package io.tollgate.brokers.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tollgate.errors.DomainException;
import io.tollgate.errors.InvalidField;
import io.tollgate.problems.boundary.DomainExceptionMapper;
import io.tollgate.problems.entity.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrokerUrlTest {

    private static Problem rejected(String text) {
        InvalidField e = assertThrows(InvalidField.class, () -> BrokerUrl.parse(text), text);
        Problem problem = DomainExceptionMapper.problemOf(e);
        assertEquals(400, problem.status());
        assertEquals("VALIDATION_FAILED", problem.code());
        assertEquals("url", problem.info().get("field"));
        return problem;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt://broker.example.com:1883", "mqtts://broker.example.com:8883",
        "ws://broker.example.com/mqtt", "wss://broker.example.com:443/mqtt", "mqtt://localhost",
        "mqtt://10.0.0.5:1883", "mqtt://[::1]:1883", "mqtt://host:1", "mqtt://host:65535",
        "wss://broker.example.com/mqtt?client=1"})
    void brokerSchemesWithHostAreAccepted(String url) {
        assertEquals(url, BrokerUrl.parse(url).value());
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertEquals("MQTT://broker.example.com:1883", BrokerUrl.parse("MQTT://broker.example.com:1883").value());
    }

    @Test
    void surroundingWhitespaceIsTrimmed() {
        assertEquals("mqtt://broker.example.com:1883", BrokerUrl.parse("  mqtt://broker.example.com:1883\t").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://broker.example.com", "https://broker.example.com", "tcp://broker.example.com:1883",
        "ftp://broker.example.com", "mqtt+ssl://broker.example.com", "file:///etc/passwd"})
    void otherSchemesAreRejected(String url) {
        rejected(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt://", "mqtt:///path", "mqtt:broker.example.com", "//broker.example.com:1883",
        "broker.example.com:1883", "broker.example.com", "mqtt://:1883"})
    void urlWithoutSchemeOrHostIsRejected(String url) {
        rejected(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt://host:0", "mqtt://host:65536", "mqtt://host:99999", "mqtt://host:-1",
        "mqtt://host:abc", "mqtt://host:99999999999"})
    void badPortIsRejected(String url) {
        rejected(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt://user:secret@broker.example.com:1883", "mqtt://user@broker.example.com",
        "wss://user:secret@broker.example.com/mqtt"})
    void userInfoIsRejected(String url) {
        rejected(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankUrlIsRejected(String url) {
        rejected(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt://my_broker:1883", "ws://[::1]:8080/mqtt", "mqtts://[2001:db8::1]"})
    void dockerStyleHostsAndIpv6LiteralsAreAccepted(String url) {
        assertEquals(url, BrokerUrl.parse(url).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt://host:", "mqtt://host#frag", "mqtt://host:01883x", "ws://[::1"})
    void emptyPortsFragmentsAndBrokenLiteralsAreRejected(String url) {
        assertThrows(DomainException.class, () -> BrokerUrl.parse(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt://bro ker.example.com", "mqtt://broker.example.com:1883/<path>"})
    void malformedUrlIsRejected(String url) {
        rejected(url);
    }

    @Test
    void urlAtMaximumLengthIsAccepted() {
        String prefix = "mqtt://broker.example.com/";
        String url = prefix + "a".repeat(BrokerUrl.MAX_LENGTH - prefix.length());
        assertEquals(BrokerUrl.MAX_LENGTH, url.length());
        assertEquals(url, BrokerUrl.parse(url).value());
    }

    @Test
    void overlongUrlIsRejected() {
        String prefix = "mqtt://broker.example.com/";
        rejected(prefix + "a".repeat(BrokerUrl.MAX_LENGTH - prefix.length() + 1));
    }
}
