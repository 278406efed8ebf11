package io.tollgate.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.access.entity.Role;
import io.tollgate.errors.InvalidField;
import io.tollgate.mqtt.entity.MqttRule;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.problems.boundary.ConstraintViolationExceptionMapper;
import io.tollgate.problems.boundary.DomainExceptionMapper;
import io.tollgate.problems.entity.Problem;
import io.tollgate.requests.control.RequestRecords;
import io.tollgate.tokens.entity.TokenRequest;
import io.tollgate.tokens.entity.TokenType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.StringReader;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenBodyTest {

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text.replace('\'', '"')))) {
            return reader.readObject();
        }
    }

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    /** What the resource does: the strict reader, then Bean Validation, then the domain value. */
    private static TokenRequest request(String text) {
        TokenBody body = RequestRecords.read(json(text), TokenBody.class);
        var violations = FACTORY.getValidator().validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body.toRequest();
    }

    private static Problem rejected(String field, String text) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> request(text), text);
        Problem problem = e instanceof ConstraintViolationException violations
                ? ConstraintViolationExceptionMapper.problemOf(violations)
                : DomainExceptionMapper.problemOf((InvalidField) e);
        assertEquals(400, problem.status());
        assertEquals("VALIDATION_FAILED", problem.code());
        assertEquals(field, problem.info().get("field"));
        return problem;
    }

    @Test
    void minimalRequestGetsDefaults() {
        TokenRequest request = request("{'name': 'ci-deploy', 'role': 'editor'}");
        assertEquals("ci-deploy", request.name());
        assertEquals(Role.EDITOR, request.role());
        assertEquals(TokenType.UNRESTRICTED, request.type());
        assertEquals(Set.of(), request.brokers());
        assertNull(request.validDate());
    }

    @Test
    void fullRestrictedRequestIsRead() {
        TokenRequest request = request("{'name': 'ci-deploy', 'role': 'editor', 'type': 'restricted',"
                + " 'brokers': ['b1'], 'valid_date': '2027-06-30T00:00:00Z'}");
        assertEquals(TokenType.RESTRICTED, request.type());
        assertEquals(Set.of("b1"), request.brokers());
        assertEquals("2027-06-30T00:00:00Z", request.validDate());
    }

    @Test
    void nullOptionalFieldsMeanDefaults() {
        TokenRequest request = request("{'name': 'n', 'role': 'viewer', 'type': null, 'brokers': null,"
                + " 'valid_date': null}");
        assertEquals(TokenType.UNRESTRICTED, request.type());
        assertEquals(Set.of(), request.brokers());
        assertNull(request.validDate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "editor", "viewer"})
    void requestableRolesAreAccepted(String role) {
        assertEquals(role, request("{'name': 'n', 'role': '" + role + "'}").role().id());
    }

    @Test
    void rootRoleIsRefused() {
        rejected("role", "{'name': 'n', 'role': 'root'}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'owner'", "'Admin'", "'ADMIN'", "''", "1", "true", "['admin']"})
    void unknownOrMistypedRoleIsRefused(String role) {
        rejected("role", "{'name': 'n', 'role': " + role + "}");
    }

    @Test
    void missingRoleIsRefused() {
        rejected("role", "{'name': 'n'}");
        rejected("role", "{'name': 'n', 'role': null}");
    }

    @Test
    void nameIsTrimmed() {
        assertEquals("ci-deploy", request("{'name': '  ci-deploy  ', 'role': 'viewer'}").name());
    }

    @Test
    void nameOfThirtyCharactersIsAcceptedAndThirtyOneRefused() {
        String thirty = "n".repeat(30);
        assertEquals(thirty, request("{'name': '" + thirty + "', 'role': 'viewer'}").name());
        rejected("name", "{'name': '" + thirty + "x', 'role': 'viewer'}");
    }

    @Test
    void nameLengthCountsCodePoints() {
        String emoji = "\uD83D\uDE80".repeat(30);
        assertEquals(emoji, request("{'name': '" + emoji + "', 'role': 'viewer'}").name());
        rejected("name", "{'name': '" + emoji + "\uD83D\uDE80', 'role': 'viewer'}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'role': 'viewer'}", "{'name': null, 'role': 'viewer'}", "{'name': '', 'role': 'viewer'}",
        "{'name': '   ', 'role': 'viewer'}", "{'name': 7, 'role': 'viewer'}"})
    void missingBlankOrMistypedNameIsRefused(String body) {
        rejected("name", body);
    }

    @Test
    void unknownTypeIsRefused() {
        rejected("type", "{'name': 'n', 'role': 'viewer', 'type': 'limited'}");
        rejected("type", "{'name': 'n', 'role': 'viewer', 'type': 1}");
    }

    @Test
    void restrictedTokenNeedsBrokers() {
        rejected("brokers", "{'name': 'n', 'role': 'viewer', 'type': 'restricted'}");
        rejected("brokers", "{'name': 'n', 'role': 'viewer', 'type': 'restricted', 'brokers': null}");
        rejected("brokers", "{'name': 'n', 'role': 'viewer', 'type': 'restricted', 'brokers': []}");
    }

    @Test
    void unrestrictedTokenMustNotHaveBrokers() {
        rejected("brokers", "{'name': 'n', 'role': 'viewer', 'type': 'unrestricted', 'brokers': ['b1']}");
    }

    @Test
    void tokenWithoutTypeMustNotHaveBrokers() {
        rejected("brokers", "{'name': 'n', 'role': 'viewer', 'brokers': ['b1']}");
    }

    @Test
    void unrestrictedTokenMayHaveEmptyBrokers() {
        TokenRequest request = request("{'name': 'n', 'role': 'viewer', 'type': 'unrestricted', 'brokers': []}");
        assertEquals(Set.of(), request.brokers());
    }

    @Test
    void duplicateBrokerIdsCollapse() {
        TokenRequest request = request("{'name': 'n', 'role': 'viewer', 'type': 'restricted',"
                + " 'brokers': ['b1', 'b2', 'b1', 'b2', 'b1']}");
        assertEquals(2, request.brokers().size());
        assertEquals(Set.of("b1", "b2"), request.brokers());
    }

    @Test
    void repeatedSingleBrokerIdCollapsesToOne() {
        TokenRequest request = request("{'name': 'n', 'role': 'viewer', 'type': 'restricted', 'brokers': ['b1', 'b1']}");
        assertEquals(Set.of("b1"), request.brokers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"'b1'", "[1]", "['b1', null]", "{}"})
    void mistypedBrokersAreRefused(String brokers) {
        rejected("brokers", "{'name': 'n', 'role': 'viewer', 'type': 'restricted', 'brokers': " + brokers + "}");
    }

    @Test
    void numericValidDateIsRefused() {
        rejected("valid_date", "{'name': 'n', 'role': 'viewer', 'valid_date': 1814400000000}");
    }

    @Test
    void unknownFieldIsRefused() {
        Problem problem = rejected("brokerz", "{'name': 'n', 'role': 'viewer', 'brokerz': ['b1']}");
        assertTrue(problem.message().contains("brokerz"));
    }

    @Test
    void allowedIpsAreNormalisedAndAbsentMeansNone() {
        TokenRequest request = request("{'name': 'n', 'role': 'viewer', 'allowed_ips': ['192.0.2.7',"
                + " '::ffff:10.0.0.0/104', '2001:DB8::/32', '192.0.2.7/32']}");
        assertEquals(java.util.List.of("192.0.2.7/32", "10.0.0.0/8", "2001:db8::/32"), request.allowedIps().texts());
        assertEquals(io.tollgate.net.CidrList.EMPTY, request("{'name': 'n', 'role': 'viewer'}").allowedIps());
        assertEquals(io.tollgate.net.CidrList.EMPTY, request("{'name': 'n', 'role': 'viewer', 'allowed_ips': null}").allowedIps());
    }

    @ParameterizedTest
    @ValueSource(strings = {"'10.0.0.0/8'", "[1]", "['10.0.0.1/8']", "['x']", "['${1+1}']", "['{max}']",
        "['fe80::1%eth0']", "['010.0.0.1']", "{}"})
    void badAllowedIpsAreRefusedWithoutEchoingThem(String ips) {
        Problem problem = rejected("allowed_ips", "{'name': 'n', 'role': 'viewer', 'allowed_ips': " + ips + "}");
        assertTrue(!problem.message().contains("${") && !problem.message().contains("{max}"), problem.message());
    }

    @Test
    void thirtyTwoAllowedIpsAreAcceptedAndThirtyThreeRefused() {
        StringBuilder ips = new StringBuilder("'10.0.0.0'");
        for (int i = 1; i < 32; i++) {
            ips.append(", '10.0.0.").append(i).append("'");
        }
        assertEquals(32, request("{'name': 'n', 'role': 'viewer', 'allowed_ips': [" + ips + "]}").allowedIps().size());
        Problem problem = rejected("allowed_ips", "{'name': 'n', 'role': 'viewer', 'allowed_ips': [" + ips + ", '10.0.0.99']}");
        assertEquals("allowed_ips must list at most 32 blocks", problem.message());
    }

    @Test
    void aBadEntryIsNamedByItsPosition() {
        Problem problem = rejected("allowed_ips", "{'name': 'n', 'role': 'viewer', 'allowed_ips': ['10.0.0.0/8', '10.0.0.1/8']}");
        assertEquals("allowed_ips entry 2 has host bits set", problem.message());
    }

    @Test
    void mqttRulesAreReadAndAbsentMeansTheDefaultDecidedLater() {
        TokenRequest request = request("{'name': 'n', 'role': 'viewer', 'mqtt_rules': [{'effect': 'allow',"
                + " 'action': 'subscribe', 'filter': 'devices/${clientid}/#', 'qos': [0, 1]}]}");
        assertEquals(new MqttRules(java.util.List.of(new MqttRule(MqttRule.Effect.ALLOW, MqttRule.Action.SUBSCRIBE,
                "devices/${clientid}/#", Set.of(0, 1), null))), request.mqttRules());
        assertNull(request("{'name': 'n', 'role': 'viewer'}").mqttRules());
        assertNull(request("{'name': 'n', 'role': 'viewer', 'mqtt_rules': null}").mqttRules());
        assertEquals(java.util.List.of(), request("{'name': 'n', 'role': 'viewer', 'mqtt_rules': []}").mqttRules().rules());
    }

    @ParameterizedTest
    @ValueSource(strings = {"'#'", "{}", "7", "[{'effect': 'allow', 'action': 'all', 'filter': 'a/#/b'}]",
        "[{'effect': 'allow', 'action': 'all', 'filter': ''}]", "[{'effect': 'allow', 'action': 'all', 'filter': '#', 'x': 1}]"})
    void badMqttRulesAreRefusedNamingTheField(String rules) {
        rejected("mqtt_rules", "{'name': 'n', 'role': 'viewer', 'mqtt_rules': " + rules + "}");
    }

    @Test
    void aPatchMayNameOnlyMqttRulesAndReadsThemAsStrictly() {
        TokenPatch patch = RequestRecords.read(json("{'mqtt_rules': []}"), TokenPatch.class);
        assertEquals(java.util.List.of(), patch.rules().rules());
        assertNull(patch.name());
        assertNull(RequestRecords.read(json("{'name': 'x'}"), TokenPatch.class).rules(), "absent: left alone");
        TokenPatch bad = RequestRecords.read(json("{'mqtt_rules': [{'effect': 'allow', 'action': 'all', 'filter': 'a+'}]}"),
                TokenPatch.class);
        assertEquals("mqtt_rules", assertThrows(InvalidField.class, bad::rules).field());
        InvalidField empty = assertThrows(InvalidField.class,
                () -> RequestRecords.read(json("{'mqtt_rules': null}"), TokenPatch.class));
        assertEquals("name, allowed_ips or mqtt_rules is required", empty.getMessage());
    }
}
