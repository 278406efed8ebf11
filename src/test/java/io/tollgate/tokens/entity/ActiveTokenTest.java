package io.tollgate.tokens.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.mqtt.entity.MqttRule;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.net.CidrList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The caller a presented secret stands for: a previous secret ends with its grace and says it is one. */
class ActiveTokenTest {

    private static final long VALID_DATE = 1_800_000_000_000L;

    private static ActiveToken presented(Long secretEnds) {
        return new ActiveToken("id", "p", "ci", Role.ADMIN, TokenType.UNRESTRICTED, Set.of(), VALID_DATE,
                new AtomicLong(ActiveToken.NEVER), false, secretEnds, CidrList.EMPTY);
    }

    @Test
    void theCurrentSecretsCallerEndsWithTheTokenAndMayActOnTokens() {
        Caller caller = presented(null).caller();
        assertFalse(caller.previousSecret());
        assertEquals(VALID_DATE, caller.expiresAt());
        assertEquals(VALID_DATE, caller.validDate());
    }

    @Test
    void aPreviousSecretsCallerEndsWithItsGraceOrTheTokenWhicheverComesFirst() {
        Caller inGrace = presented(VALID_DATE - 1000).caller();
        assertTrue(inGrace.previousSecret());
        assertEquals(VALID_DATE - 1000, inGrace.expiresAt(), "previous_valid_until: when it stops working");
        assertEquals("id", inGrace.credentialId());
        assertEquals(Role.ADMIN, inGrace.role());
        Caller graceBeyondTheToken = presented(VALID_DATE + 1000).caller();
        assertTrue(graceBeyondTheToken.previousSecret());
        assertEquals(VALID_DATE, graceBeyondTheToken.expiresAt(), "the token's own end comes first");
    }

    @Test
    void itCarriesTheTokensOwnMqttRulesOrItsRolesDefault() {
        ProjectToken viewer = new ProjectToken("p", "v", Role.VIEWER, TokenType.UNRESTRICTED, Set.of(), "root", "h",
                VALID_DATE - 1000, VALID_DATE);
        assertEquals(MqttRules.defaultFor(Role.VIEWER), ActiveToken.of(viewer).mqttRules());
        MqttRules devices = new MqttRules(List.of(MqttRule.allow(MqttRule.Action.PUBLISH, "devices/${clientid}/#")));
        viewer.limitTopics(devices);
        assertEquals(devices, ActiveToken.of(viewer).mqttRules());
        assertEquals(devices, ActiveToken.of(viewer, VALID_DATE - 10).mqttRules(), "a previous secret's too");
        viewer.limitTopics(null);
        assertEquals(MqttRules.defaultFor(Role.VIEWER), ActiveToken.of(viewer).mqttRules(), "back to the default");
        assertEquals(MqttRules.defaultFor(Role.ADMIN), presented(null).mqttRules(), "built without rules: the role's");
    }
}
