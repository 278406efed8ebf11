package io.tollgate.mqtt.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.errors.InvalidField;
import io.tollgate.mqtt.entity.MqttRule.Action;
import io.tollgate.mqtt.entity.MqttRule.Effect;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code mqtt_rules} on the wire (spec section 9): read strictly, written in one form, stored as written. */
class MqttRulesJsonTest {

    private static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text.replace('\'', '"')))) {
            return reader.readValue();
        }
    }

    private static MqttRules read(String text) {
        return MqttRulesJson.read(json(text));
    }

    /** The message of the refusal of {@code text}, after checking that it names the field mqtt_rules. */
    private static String refusal(String text) {
        InvalidField refused = assertThrows(InvalidField.class, () -> read(text), text);
        assertEquals("mqtt_rules", refused.field(), text);
        return refused.getMessage();
    }

    private static String rule(String filter) {
        return "{'effect': 'allow', 'action': 'all', 'filter': '" + filter + "'}";
    }

    @Test
    void readsEveryKeyInOrder() {
        MqttRules rules = read("[{'effect': 'deny', 'action': 'publish', 'filter': 'a/+/c', 'qos': [2, 0],"
                + " 'retain': true}, {'effect': 'allow', 'action': 'subscribe', 'filter': '#'},"
                + " {'effect': 'allow', 'action': 'all', 'filter': 'x', 'retain': false, 'qos': null}]");
        assertEquals(List.of(new MqttRule(Effect.DENY, Action.PUBLISH, "a/+/c", Set.of(0, 2), true),
                MqttRule.allow(Action.SUBSCRIBE, "#"),
                new MqttRule(Effect.ALLOW, Action.ALL, "x", null, false)), rules.rules());
    }

    @Test
    void writesTheContractsShapeWithQosAscendingAndAbsentKeysLeftOut() {
        MqttRules rules = new MqttRules(List.of(new MqttRule(Effect.DENY, Action.PUBLISH, "a/${clientid}/#",
                Set.of(2, 1), false), MqttRule.allow(Action.ALL, "#")));
        assertEquals("[{\"effect\":\"deny\",\"action\":\"publish\",\"filter\":\"a/${clientid}/#\",\"qos\":[1,2],"
                + "\"retain\":false},{\"effect\":\"allow\",\"action\":\"all\",\"filter\":\"#\"}]",
                MqttRulesJson.text(rules));
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameRules() {
        String text = "[{'effect':'allow','action':'subscribe','filter':'devices/${username}/+','qos':[0,1]},"
                + "{'effect':'deny','action':'all','filter':'$SYS/#','retain':true},"
                + "{'effect':'allow','action':'publish','filter':'a\\u0001b/\\\"q\\\"/é'}]";
        MqttRules rules = read(text);
        assertEquals(rules, MqttRulesJson.parse(MqttRulesJson.text(rules)));
        assertEquals(MqttRulesJson.write(rules), MqttRulesJson.write(MqttRulesJson.parse(MqttRulesJson.text(rules))));
        for (MqttRules role : List.of(MqttRules.defaultFor(io.tollgate.access.entity.Role.VIEWER),
                MqttRules.defaultFor(io.tollgate.access.entity.Role.ADMIN))) {
            assertEquals(role, MqttRulesJson.parse(MqttRulesJson.text(role)));
        }
    }

    @Test
    void anEmptyListIsValidAndDeniesEverything() {
        MqttRules none = read("[]");
        assertEquals(List.of(), none.rules());
        assertFalse(none.allowsPublish("a", 0, false, "c", "u"));
        assertFalse(none.allowsSubscribe("a", 0, "c", "u"));
        assertEquals("[]", MqttRulesJson.text(none));
    }

    @Test
    void placeholdersAreLiteralLevelTextWhenReadAndFilledOnlyPerCheck() {
        MqttRules rules = read("[" + rule("devices/${clientid}/#") + ", " + rule("users/${username}") + "]");
        assertEquals("devices/${clientid}/#", rules.rules().get(0).filter());
        assertTrue(rules.allowsPublish("devices/c7/up", 0, false, "c7", "u"));
        assertFalse(rules.allowsPublish("devices/c8/up", 0, false, "c7", "u"));
        assertTrue(rules.allowsPublish("users/alice", 0, false, "c7", "alice"));
        assertTrue(refusal("[" + rule("a/${clientid}+") + "]").contains("+ only as a whole level"));
    }

    @Test
    void atMostSixtyFourRules() {
        String sixtyFour = "[" + String.join(",", java.util.Collections.nCopies(64, rule("a"))) + "]";
        assertEquals(64, read(sixtyFour).rules().size());
        assertEquals("mqtt_rules must list at most 64 rules",
                refusal("[" + String.join(",", java.util.Collections.nCopies(65, rule("a"))) + "]"));
    }

    @Test
    void filtersAreStrictMqttOfOneTo256Characters() {
        assertEquals(1, read("[" + rule("x".repeat(256)) + "]").rules().size());
        assertEquals("mqtt_rules rule 1: filter must be at most 256 characters", refusal("[" + rule("x".repeat(257)) + "]"));
        assertEquals("mqtt_rules rule 1: filter must not be empty", refusal("[" + rule("") + "]"));
        assertEquals("mqtt_rules rule 2: filter may use # only as the whole last level",
                refusal("[" + rule("a") + ", " + rule("a/#/b") + "]"));
        assertEquals("mqtt_rules rule 1: filter may use # only as the whole last level", refusal("[" + rule("a#") + "]"));
        assertEquals("mqtt_rules rule 1: filter may use + only as a whole level", refusal("[" + rule("a+") + "]"));
        assertEquals("mqtt_rules rule 1: filter must not contain the NUL character", refusal("[" + rule("a\\u0000") + "]"));
        for (String fine : List.of("#", "+", "/", "a//b", "+/+/#", "$SYS/#", "a/+/c", " ")) {
            assertEquals(fine, read("[" + rule(fine) + "]").rules().get(0).filter());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{}|mqtt_rules must be an array of rules",
        "'[]'|mqtt_rules must be an array of rules",
        "7|mqtt_rules must be an array of rules",
        "[7]|mqtt_rules rule 1 must be an object",
        "[[]]|mqtt_rules rule 1 must be an object",
        "[null]|mqtt_rules rule 1 must be an object",
        "[{'effect': 'allow', 'action': 'all', 'filter': '#', 'topic': 'a'}]|mqtt_rules rule 1 has an unknown field 'topic'",
        "[{'action': 'all', 'filter': '#'}]|mqtt_rules rule 1: effect is required",
        "[{'effect': null, 'action': 'all', 'filter': '#'}]|mqtt_rules rule 1: effect is required",
        "[{'effect': 'permit', 'action': 'all', 'filter': '#'}]|mqtt_rules rule 1: effect must be allow or deny",
        "[{'effect': 'Allow', 'action': 'all', 'filter': '#'}]|mqtt_rules rule 1: effect must be allow or deny",
        "[{'effect': true, 'action': 'all', 'filter': '#'}]|mqtt_rules rule 1: effect must be a string",
        "[{'effect': 'allow', 'filter': '#'}]|mqtt_rules rule 1: action is required",
        "[{'effect': 'allow', 'action': 'read', 'filter': '#'}]|mqtt_rules rule 1: action must be publish, subscribe or all",
        "[{'effect': 'allow', 'action': ['all'], 'filter': '#'}]|mqtt_rules rule 1: action must be a string",
        "[{'effect': 'allow', 'action': 'all'}]|mqtt_rules rule 1: filter is required",
        "[{'effect': 'allow', 'action': 'all', 'filter': 7}]|mqtt_rules rule 1: filter must be a string",
        "[{'effect': 'allow', 'action': 'all', 'filter': '#', 'qos': []}]|mqtt_rules rule 1: qos must be a non-empty array of distinct QoS levels 0, 1 and 2",
        "[{'effect': 'allow', 'action': 'all', 'filter': '#', 'qos': 1}]|mqtt_rules rule 1: qos must be a non-empty array of distinct QoS levels 0, 1 and 2",
        "[{'effect': 'allow', 'action': 'all', 'filter': '#', 'qos': [3]}]|mqtt_rules rule 1: qos must be a non-empty array of distinct QoS levels 0, 1 and 2",
        "[{'effect': 'allow', 'action': 'all', 'filter': '#', 'qos': [-1]}]|mqtt_rules rule 1: qos must be a non-empty array of distinct QoS levels 0, 1 and 2",
        "[{'effect': 'allow', 'action': 'all', 'filter': '#', 'qos': [0, 0]}]|mqtt_rules rule 1: qos must be a non-empty array of distinct QoS levels 0, 1 and 2",
        "[{'effect': 'allow', 'action': 'all', 'filter': '#', 'qos': [1.0]}]|mqtt_rules rule 1: qos must be a non-empty array of distinct QoS levels 0, 1 and 2",
        "[{'effect': 'allow', 'action': 'all', 'filter': '#', 'qos': ['1']}]|mqtt_rules rule 1: qos must be a non-empty array of distinct QoS levels 0, 1 and 2",
        "[{'effect': 'allow', 'action': 'all', 'filter': '#', 'qos': [4294967296]}]|mqtt_rules rule 1: qos must be a non-empty array of distinct QoS levels 0, 1 and 2",
        "[{'effect': 'allow', 'action': 'all', 'filter': '#', 'retain': 'true'}]|mqtt_rules rule 1: retain must be true or false",
        "[{'effect': 'allow', 'action': 'all', 'filter': '#', 'retain': 1}]|mqtt_rules rule 1: retain must be true or false",
    })
    void everyOtherShapeIsRefusedNamingTheFieldAndTheRule(String text, String message) {
        assertEquals(message, refusal(text));
    }

    @Test
    void storedTextThatIsNoRulesIsABugNotAClientsError() {
        assertThrows(IllegalStateException.class, () -> MqttRulesJson.parse("[{\"effect\":\"allow\"}]"));
        assertThrows(IllegalStateException.class, () -> MqttRulesJson.parse("[{"));
    }
}
