package io.tollgate.mqtt.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.access.entity.Role;
import io.tollgate.mqtt.entity.MqttRule.Action;
import io.tollgate.mqtt.entity.MqttRule.Effect;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A token's topic rules at the broker: first match wins, no match denies, subscriptions need coverage. */
class MqttRulesTest {

    private static MqttRules rules(MqttRule... rules) {
        return new MqttRules(List.of(rules));
    }

    @Test
    void theRoleDefaults() {
        MqttRules viewer = MqttRules.defaultFor(Role.VIEWER);
        assertTrue(viewer.allowsSubscribe("#", 2, "c", "u"));
        assertFalse(viewer.allowsPublish("a", 0, false, "c", "u"), "a viewer only listens");
        for (Role role : List.of(Role.EDITOR, Role.ADMIN)) {
            MqttRules everything = MqttRules.defaultFor(role);
            assertTrue(everything.grantsEverything());
            assertTrue(everything.allowsPublish("a/b", 1, true, "c", "u"));
            assertTrue(everything.allowsSubscribe("#", 1, "c", "u"));
        }
        assertFalse(viewer.grantsEverything());
    }

    @Test
    void noRuleNoAccess() {
        MqttRules none = rules();
        assertFalse(none.allowsPublish("a", 0, false, "c", "u"));
        assertFalse(none.allowsSubscribe("a", 0, "c", "u"));
    }

    @Test
    void theFirstMatchingRuleDecides() {
        MqttRules rules = rules(MqttRule.deny(Action.PUBLISH, "devices/secret"),
                MqttRule.allow(Action.ALL, "devices/#"));
        assertFalse(rules.allowsPublish("devices/secret", 0, false, "c", "u"));
        assertTrue(rules.allowsPublish("devices/open", 0, false, "c", "u"));
        assertFalse(rules.allowsPublish("other", 0, false, "c", "u"), "no match: deny");
        MqttRules reversed = rules(MqttRule.allow(Action.ALL, "devices/#"),
                MqttRule.deny(Action.PUBLISH, "devices/secret"));
        assertTrue(reversed.allowsPublish("devices/secret", 0, false, "c", "u"), "order matters");
    }

    @Test
    void aSubscriptionNeedsAnAllowCoveringAllItCanReceive() {
        MqttRules devices = rules(MqttRule.allow(Action.SUBSCRIBE, "devices/#"));
        assertTrue(devices.allowsSubscribe("devices/#", 0, "c", "u"));
        assertTrue(devices.allowsSubscribe("devices/+/temp", 0, "c", "u"));
        assertTrue(devices.allowsSubscribe("devices", 0, "c", "u"), "devices/# covers its parent");
        assertFalse(devices.allowsSubscribe("#", 0, "c", "u"), "# only when # is granted");
        assertFalse(devices.allowsSubscribe("+/temp", 0, "c", "u"), "overlaps but reaches beyond devices/");
        assertFalse(devices.allowsPublish("devices/a", 0, false, "c", "u"), "a subscribe rule grants no publish");
    }

    @Test
    void aDenyOverlappingASubscriptionRefusesIt() {
        MqttRules rules = rules(MqttRule.deny(Action.SUBSCRIBE, "devices/secret"),
                MqttRule.allow(Action.SUBSCRIBE, "devices/#"));
        assertFalse(rules.allowsSubscribe("devices/#", 0, "c", "u"), "it would deliver the secret topic");
        assertFalse(rules.allowsSubscribe("devices/+", 0, "c", "u"));
        assertTrue(rules.allowsSubscribe("devices/open", 0, "c", "u"));
        assertTrue(rules.allowsSubscribe("devices/secret/below", 0, "c", "u"), "a different topic");
    }

    @Test
    void qosAndRetainNarrowARule() {
        MqttRules rules = rules(new MqttRule(Effect.ALLOW, Action.PUBLISH, "t", Set.of(0, 1), false));
        assertTrue(rules.allowsPublish("t", 1, false, "c", "u"));
        assertFalse(rules.allowsPublish("t", 2, false, "c", "u"));
        assertFalse(rules.allowsPublish("t", 0, true, "c", "u"), "no retained messages");
        MqttRules subscribe = rules(new MqttRule(Effect.ALLOW, Action.SUBSCRIBE, "t", Set.of(0), null));
        assertTrue(subscribe.allowsSubscribe("t", 0, "c", "u"));
        assertFalse(subscribe.allowsSubscribe("t", 1, "c", "u"));
        assertTrue(subscribe.allowsSubscribe("t", null, "c", "u"), "a delivery check names no QoS");
    }

    @Test
    void placeholdersAreFilledPerClient() {
        MqttRules rules = rules(MqttRule.allow(Action.ALL, "devices/${clientid}/#"),
                MqttRule.allow(Action.PUBLISH, "users/${username}"));
        assertTrue(rules.allowsPublish("devices/sensor-1/temp", 0, false, "sensor-1", "tok"));
        assertFalse(rules.allowsPublish("devices/sensor-2/temp", 0, false, "sensor-1", "tok"));
        assertTrue(rules.allowsSubscribe("devices/sensor-1/#", 0, "sensor-1", "tok"));
        assertTrue(rules.allowsPublish("users/tok", 0, false, "sensor-1", "tok"));
        assertFalse(rules.allowsPublish("users/other", 0, false, "sensor-1", "tok"));
    }

    @Test
    void aPlaceholderValueCannotWidenARule() {
        MqttRules rules = rules(MqttRule.allow(Action.ALL, "devices/${clientid}/#"));
        for (String sneaky : List.of("#", "+", "a/b", "x+", "")) {
            boolean anyTopic = rules.allowsSubscribe("devices/#", 0, sneaky, "u");
            assertFalse(anyTopic, "client id '" + sneaky + "' must not reach all devices");
        }
        assertFalse(rules.allowsPublish("devices/a/b/x", 0, false, "a/b", "u"), "a / in the value: the rule matches nothing");
        assertFalse(rules.allowsPublish("devices/x", 0, false, null, "u"), "no client id: the rule matches nothing");
        assertEquals(false, rules.allowsSubscribe("devices/+/#", 0, "+", "u"));
    }

    @Test
    void dollarTopicsNeedTheirOwnGrant() {
        MqttRules everything = MqttRules.defaultFor(Role.ADMIN);
        assertFalse(everything.allowsPublish("$SYS/broker", 0, false, "c", "u"));
        assertFalse(everything.allowsSubscribe("$SYS/#", 0, "c", "u"));
        MqttRules sys = rules(MqttRule.allow(Action.SUBSCRIBE, "$SYS/#"));
        assertTrue(sys.allowsSubscribe("$SYS/broker/load", 0, "c", "u"));
    }

    @Test
    void aMalformedRequestIsRefused() {
        MqttRules everything = MqttRules.defaultFor(Role.ADMIN);
        assertFalse(everything.allowsSubscribe("a/#/b", 0, "c", "u"));
        assertFalse(everything.allowsSubscribe("", 0, "c", "u"));
        assertFalse(everything.allowsPublish("a/+", 0, false, "c", "u"));
    }
}
