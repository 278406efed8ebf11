package io.tollgate.hooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.access.entity.Role;
import io.tollgate.hooks.entity.Check;
import io.tollgate.hooks.entity.ClientIp;
import io.tollgate.hooks.entity.Denial;
import io.tollgate.hooks.entity.HookedBroker;
import io.tollgate.hooks.entity.Verdict;
import io.tollgate.mqtt.entity.MqttRule;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.net.CidrList;
import io.tollgate.tokens.entity.ActiveToken;
import io.tollgate.tokens.entity.TokenType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The one access decision of spec section 9, on tokens already looked up, at a given instant. */
class AccessRulesTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final String ID = "11111111-2222-3333-4444-555555555555";
    private static final HookedBroker BROKER = new HookedBroker("b1", "p1");
    private static final ClientIp LOCAL = ClientIp.of("127.0.0.1");

    private static ActiveToken token(String projectId, TokenType type, Set<String> brokers, long validDate,
                                     boolean suspended, Long secretEnds, List<String> allowedIps) {
        return new ActiveToken(ID, projectId, "t", Role.EDITOR, type, brokers, validDate,
                new AtomicLong(ActiveToken.NEVER), suspended, secretEnds, CidrList.parse(allowedIps));
    }

    private static ActiveToken working() {
        return token("p1", TokenType.UNRESTRICTED, Set.of(), NOW + 1000, false, null, List.of());
    }

    @Test
    void aWorkingTokenOfTheProjectConnectsAndItsSecretEndsWithItsValidDate() {
        Verdict verdict = AccessRules.connect(working(), Denial.INVALID, BROKER, ID, LOCAL, NOW);
        assertTrue(verdict.allowed());
        assertEquals(NOW + 1000, verdict.secretEnds());
    }

    @Test
    void aPreviousSecretEndsWithItsGraceOrTheValidDateWhicheverIsFirst() {
        ActiveToken previous = token("p1", TokenType.UNRESTRICTED, Set.of(), NOW + 1000, false, NOW + 500, List.of());
        assertEquals(NOW + 500, AccessRules.connect(previous, Denial.INVALID, BROKER, ID, LOCAL, NOW).secretEnds());
        assertEquals(Denial.ROTATED, AccessRules.connect(previous, Denial.INVALID, BROKER, ID, LOCAL, NOW + 500).denial());
    }

    @Test
    void theSecretMustBelongToTheUsernameAndTheBrokersProject() {
        assertEquals(Denial.INVALID, AccessRules.connect(working(), Denial.INVALID, BROKER, "someone-else", LOCAL, NOW).denial());
        ActiveToken foreign = token("p2", TokenType.UNRESTRICTED, Set.of(), NOW + 1000, false, null, List.of());
        Verdict verdict = AccessRules.connect(foreign, Denial.INVALID, BROKER, ID, LOCAL, NOW);
        assertEquals(Denial.INVALID, verdict.denial());
        assertNull(verdict.token(), "a token of another project tells nothing, not even to its own usage log");
        assertEquals(Denial.REVOKED, AccessRules.connect(null, Denial.REVOKED, BROKER, ID, LOCAL, NOW).denial());
    }

    @Test
    void standingFollowsTheApisPrecedence() {
        ActiveToken suspendedAndExpired = token("p1", TokenType.UNRESTRICTED, Set.of(), NOW, true, null, List.of());
        assertEquals(Denial.SUSPENDED, AccessRules.standing(suspendedAndExpired, BROKER, LOCAL, NOW).denial());
        ActiveToken expired = token("p1", TokenType.UNRESTRICTED, Set.of(), NOW, false, null, List.of());
        assertEquals(Denial.EXPIRED, AccessRules.standing(expired, BROKER, LOCAL, NOW).denial());
        assertEquals(Denial.INVALID, AccessRules.standing(null, BROKER, LOCAL, NOW).denial());
    }

    @Test
    void aRestrictedTokenUsesOnlyTheBrokersItLists() {
        ActiveToken elsewhere = token("p1", TokenType.RESTRICTED, Set.of("b2"), NOW + 1000, false, null, List.of());
        assertEquals(Denial.BROKER_NOT_ALLOWED, AccessRules.standing(elsewhere, BROKER, LOCAL, NOW).denial());
        ActiveToken here = token("p1", TokenType.RESTRICTED, Set.of("b1"), NOW + 1000, false, null, List.of());
        assertTrue(AccessRules.standing(here, BROKER, LOCAL, NOW).allowed());
    }

    @Test
    void anAllowListIsCheckedWhereReportedAndNeverAllowedBlind() {
        ActiveToken listed = token("p1", TokenType.UNRESTRICTED, Set.of(), NOW + 1000, false, null, List.of("10.0.0.0/8"));
        assertTrue(AccessRules.standing(listed, BROKER, ClientIp.of("10.1.2.3"), NOW).allowed());
        assertEquals(Denial.IP_NOT_ALLOWED, AccessRules.standing(listed, BROKER, ClientIp.of("192.0.2.1"), NOW).denial());
        assertEquals(Denial.IP_NOT_ALLOWED, AccessRules.standing(listed, BROKER, ClientIp.UNREPORTED, NOW).denial());
        assertEquals(Denial.IP_NOT_ALLOWED, AccessRules.standing(listed, BROKER, ClientIp.of("not-an-ip"), NOW).denial());
        assertTrue(AccessRules.standing(listed, BROKER, ClientIp.CHECKED_ELSEWHERE, NOW).allowed());
        assertTrue(AccessRules.standing(working(), BROKER, ClientIp.UNREPORTED, NOW).allowed(), "no list: any address");
    }

    @Test
    void topicsFollowTheRulesAfterTheStanding() {
        MqttRules rules = new MqttRules(List.of(MqttRule.deny(MqttRule.Action.ALL, "secret/#"),
                MqttRule.allow(MqttRule.Action.ALL, "devices/${clientid}/#")));
        Verdict own = AccessRules.topic(working(), rules, BROKER, LOCAL, Check.PUBLISH, "devices/c1/temp", 1, false,
                "c1", ID, NOW);
        assertTrue(own.allowed());
        assertEquals(Denial.TOPIC_NOT_ALLOWED, AccessRules.topic(working(), rules, BROKER, LOCAL, Check.PUBLISH,
                "devices/c2/temp", 1, false, "c1", ID, NOW).denial());
        assertEquals(Denial.TOPIC_NOT_ALLOWED, AccessRules.topic(working(), rules, BROKER, LOCAL, Check.SUBSCRIBE,
                "devices/#", null, null, "c1", ID, NOW).denial(), "a subscription wider than granted");
        assertTrue(AccessRules.topic(working(), rules, BROKER, LOCAL, Check.READ, "devices/c1/x", null, null, "c1", ID, NOW)
                .allowed());
        ActiveToken suspended = token("p1", TokenType.UNRESTRICTED, Set.of(), NOW + 1000, true, null, List.of());
        assertEquals(Denial.SUSPENDED, AccessRules.topic(suspended, rules, BROKER, LOCAL, Check.PUBLISH,
                "devices/c1/temp", 1, false, "c1", ID, NOW).denial());
    }

    @Test
    void anUnreportedQosOrRetainFlagAllowsAPublishOnlyIfEveryValueWould() {
        MqttRules qosOne = new MqttRules(List.of(new MqttRule(MqttRule.Effect.ALLOW, MqttRule.Action.PUBLISH, "a", Set.of(1),
                null)));
        assertTrue(AccessRules.topic(working(), qosOne, BROKER, LOCAL, Check.PUBLISH, "a", 1, true, "c", ID, NOW).allowed());
        assertEquals(Denial.TOPIC_NOT_ALLOWED, AccessRules.topic(working(), qosOne, BROKER, LOCAL, Check.PUBLISH, "a",
                null, null, "c", ID, NOW).denial());
        MqttRules all = MqttRules.defaultFor(Role.EDITOR);
        assertTrue(AccessRules.topic(working(), all, BROKER, LOCAL, Check.PUBLISH, "a", null, null, "c", ID, NOW).allowed());
    }
}
