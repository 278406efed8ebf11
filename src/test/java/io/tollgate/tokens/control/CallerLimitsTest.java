package io.tollgate.tokens.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.mqtt.entity.MqttRule;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.net.CidrList;
import io.tollgate.tokens.entity.ProjectToken;
import io.tollgate.tokens.entity.TokenType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which tokens a caller may rotate: only those that can do no more than the caller (spec section 6). */
class CallerLimitsTest {

    private static final long NOW = 1_795_000_000_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private static ProjectToken token(Role role, long validDate, String... allowedIps) {
        ProjectToken token = new ProjectToken("p", "t", role, TokenType.UNRESTRICTED, Set.of(), "root", "h", NOW, validDate);
        token.allowFrom(List.of(allowedIps));
        return token;
    }

    private static ProjectToken restricted(String... brokers) {
        return new ProjectToken("p", "t", Role.VIEWER, TokenType.RESTRICTED, Set.of(brokers), "root", "h", NOW, NOW + HOUR);
    }

    private static Caller admin(long validDate, String... allowedIps) {
        return Caller.token("caller", "adm", "p", Role.ADMIN, false, Set.of(), validDate,
                CidrList.parse(List.of(allowedIps)));
    }

    @Test
    void aTokenEndingAfterTheCallerIsBeyondItUnlessTheRotationBringsItsEndWithin() {
        Caller hourLong = admin(NOW + HOUR);
        ProjectToken twentyDays = token(Role.VIEWER, NOW + 20 * DAY);
        assertFalse(CallerLimits.cover(hourLong, twentyDays, twentyDays.validDate()));
        assertFalse(CallerLimits.cover(hourLong, token(Role.VIEWER, NOW + HOUR), NOW + HOUR + 1), "a new date beyond");
        assertTrue(CallerLimits.cover(hourLong, twentyDays, NOW + HOUR), "a new date within");
        assertTrue(CallerLimits.cover(hourLong, token(Role.ADMIN, NOW + HOUR), NOW + HOUR), "the same end");
    }

    @Test
    void anIpRestrictedCallerCoversOnlyTokensWhoseListLiesInsideItsOwn() {
        Caller local = admin(NOW + DAY, "127.0.0.0/30");
        long end = NOW + HOUR;
        assertFalse(CallerLimits.cover(local, token(Role.VIEWER, end), end), "[] is any address");
        assertFalse(CallerLimits.cover(local, token(Role.VIEWER, end, "10.0.0.0/8"), end));
        assertFalse(CallerLimits.cover(local, token(Role.VIEWER, end, "127.0.0.1/32", "10.0.0.1/32"), end));
        assertTrue(CallerLimits.cover(local, token(Role.VIEWER, end, "127.0.0.1/32", "127.0.0.2/31"), end));
        assertTrue(CallerLimits.cover(admin(NOW + DAY), token(Role.VIEWER, end, "10.0.0.0/8"), end),
                "a caller without a list has no bound there");
    }

    @Test
    void rootAndPeopleHaveNoLimitsButTheirRole() {
        ProjectToken far = token(Role.ADMIN, NOW + 300 * DAY);
        assertTrue(CallerLimits.cover(Caller.root(), far, far.validDate()));
        assertTrue(CallerLimits.cover(Caller.user("ann", NOW + HOUR), far, far.validDate()),
                "a session's end bounds nothing it hands out (authorization checked the membership role)");
    }

    @Test
    void aLowerRoleOrABrokerRestrictedCallerCoversNothingBeyondIt() {
        long end = NOW + HOUR;
        Caller editor = Caller.token("c", "ed", "p", Role.EDITOR, false, Set.of(), NOW + DAY);
        assertFalse(CallerLimits.cover(editor, token(Role.ADMIN, end), end));
        assertTrue(CallerLimits.cover(editor, token(Role.EDITOR, end), end));
        Caller brokers = Caller.token("c", "rs", "p", Role.ADMIN, true, Set.of("b1", "b2"), NOW + DAY);
        assertFalse(CallerLimits.cover(brokers, token(Role.VIEWER, end), end), "an unrestricted token");
        assertFalse(CallerLimits.cover(brokers, restricted("b1", "b3"), end));
        assertTrue(CallerLimits.cover(brokers, restricted("b2"), end));
    }

    @Test
    void aCallerWithNarrowerMqttRulesCoversOnlyTokensWithTheSameRules() {
        long end = NOW + HOUR;
        Caller caller = admin(NOW + DAY);
        MqttRules devices = new MqttRules(List.of(MqttRule.allow(MqttRule.Action.ALL, "devices/#")));
        ProjectToken byDefault = token(Role.VIEWER, end);
        assertFalse(CallerLimits.cover(caller, devices, byDefault, end), "the viewer default reaches all topics");
        ProjectToken same = token(Role.VIEWER, end);
        same.limitTopics(new MqttRules(List.of(MqttRule.allow(MqttRule.Action.ALL, "devices/#"))));
        assertTrue(CallerLimits.cover(caller, devices, same, end));
        ProjectToken narrower = token(Role.VIEWER, end);
        narrower.limitTopics(new MqttRules(List.of(MqttRule.allow(MqttRule.Action.ALL, "devices/a/#"))));
        assertFalse(CallerLimits.cover(caller, devices, narrower, end), "equal, not merely inside");
        assertTrue(CallerLimits.cover(caller, MqttRules.defaultFor(Role.ADMIN), byDefault, end), "everything covers all");
        assertTrue(CallerLimits.cover(caller, null, byDefault, end), "root and people: no rules of their own");
        ProjectToken everything = token(Role.ADMIN, end);
        assertFalse(CallerLimits.cover(caller, devices, everything, end));
        assertFalse(CallerLimits.cover(admin(NOW + DAY), MqttRules.defaultFor(Role.ADMIN), token(Role.ADMIN, end + DAY * 2),
                end + DAY * 2), "the other limits still hold");
    }
}
