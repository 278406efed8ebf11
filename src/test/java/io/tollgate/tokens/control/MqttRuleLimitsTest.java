package io.tollgate.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.access.entity.Role;
import io.tollgate.errors.InvalidField;
import io.tollgate.mqtt.entity.MqttRule;
import io.tollgate.mqtt.entity.MqttRule.Action;
import io.tollgate.mqtt.entity.MqttRule.Effect;
import io.tollgate.mqtt.entity.MqttRules;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No escalation for mqtt_rules (spec section 9): narrower rules hand out only themselves. */
class MqttRuleLimitsTest {

    private static final MqttRules EVERYTHING = MqttRules.defaultFor(Role.ADMIN);
    private static final MqttRules DEVICES = new MqttRules(List.of(MqttRule.allow(Action.ALL, "devices/#")));
    private static final MqttRules SENSORS = new MqttRules(List.of(MqttRule.allow(Action.ALL, "devices/sensors/#")));

    private static void assertRefused(Runnable write) {
        InvalidField refused = assertThrows(InvalidField.class, write::run);
        assertEquals("mqtt_rules", refused.field());
    }

    @Test
    void rootPeopleAndTokensThatGrantEverythingHandOutAnyRulesOrTheRoleDefault() {
        for (MqttRules unbounded : new MqttRules[] {null, EVERYTHING}) {
            assertSame(SENSORS, MqttRuleLimits.forNewToken(SENSORS, unbounded));
            assertNull(MqttRuleLimits.forNewToken(null, unbounded), "absent: the role's default, computed");
            assertSame(DEVICES, MqttRuleLimits.forPatch(DEVICES, unbounded));
            assertTrue(MqttRuleLimits.isWithin(DEVICES, unbounded));
        }
        MqttRules storedEverything = new MqttRules(List.of(new MqttRule(Effect.ALLOW, Action.ALL, "#", null, null)));
        assertSame(SENSORS, MqttRuleLimits.forNewToken(SENSORS, storedEverything), "set explicitly, still everything");
    }

    @Test
    void aTokenWithNarrowerRulesHandsOutExactlyItsOwnAndAbsentInheritsThem() {
        assertSame(DEVICES, MqttRuleLimits.forNewToken(null, DEVICES), "absent = inherit");
        assertEquals(DEVICES, MqttRuleLimits.forNewToken(
                new MqttRules(List.of(MqttRule.allow(Action.ALL, "devices/#"))), DEVICES), "equal");
        assertEquals(DEVICES, MqttRuleLimits.forPatch(new MqttRules(List.of(MqttRule.allow(Action.ALL, "devices/#"))),
                DEVICES));
        assertRefused(() -> MqttRuleLimits.forNewToken(EVERYTHING, DEVICES));
        assertRefused(() -> MqttRuleLimits.forNewToken(SENSORS, DEVICES));
        assertRefused(() -> MqttRuleLimits.forPatch(EVERYTHING, DEVICES));
        assertRefused(() -> MqttRuleLimits.forPatch(SENSORS, DEVICES));
        assertRefused(() -> MqttRuleLimits.forPatch(new MqttRules(List.of()), DEVICES));
    }

    @Test
    void equalMeansTheSameRulesInTheSameOrderWithQosAsASet() {
        MqttRules twoRules = new MqttRules(List.of(new MqttRule(Effect.DENY, Action.PUBLISH, "a", Set.of(0, 1), null),
                MqttRule.allow(Action.ALL, "#")));
        MqttRules sameQosOtherOrder = new MqttRules(List.of(
                new MqttRule(Effect.DENY, Action.PUBLISH, "a", Set.of(1, 0), null), MqttRule.allow(Action.ALL, "#")));
        MqttRules rulesSwapped = new MqttRules(List.of(MqttRule.allow(Action.ALL, "#"),
                new MqttRule(Effect.DENY, Action.PUBLISH, "a", Set.of(0, 1), null)));
        assertFalse(twoRules.grantsEverything());
        assertSame(sameQosOtherOrder, MqttRuleLimits.forNewToken(sameQosOtherOrder, twoRules));
        assertRefused(() -> MqttRuleLimits.forNewToken(rulesSwapped, twoRules));
        assertTrue(MqttRuleLimits.isWithin(sameQosOtherOrder, twoRules));
        assertFalse(MqttRuleLimits.isWithin(rulesSwapped, twoRules));
        assertFalse(MqttRuleLimits.isWithin(EVERYTHING, DEVICES));
        assertFalse(MqttRuleLimits.isWithin(SENSORS, DEVICES), "narrower is still not equal");
    }
}
