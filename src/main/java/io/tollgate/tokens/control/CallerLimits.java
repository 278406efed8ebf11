package io.tollgate.tokens.control;

import io.tollgate.access.entity.Caller;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.net.CidrList;
import io.tollgate.tokens.entity.ProjectToken;
import io.tollgate.tokens.entity.TokenType;

/**
 * No escalation by rotation (spec section 6): rotating another token hands its new secret to the
 * caller, so a caller may rotate only a token that can do no more than the caller itself. Root and
 * people carry no such limits (no expiry of their own, no allow-list, every broker).
 */
public final class CallerLimits {

    private CallerLimits() {
    }

    /**
     * Whether {@code token}, valid until {@code validDate} after the rotation (its own, or the new one
     * given), lies within {@code caller}'s limits: it ends no later than the caller, its
     * {@code allowed_ips} lie inside the caller's list when the caller has one ({@code []} never does),
     * its role is not above the caller's, and a broker-restricted caller's brokers bound its own.
     * The last two already follow from the role table (only unrestricted admins rotate other tokens,
     * and no token is above admin); they are checked again here so that this one rule says it all.
     */
    public static boolean cover(Caller caller, ProjectToken token, long validDate) {
        return cover(caller, null, token, validDate);
    }

    /**
     * {@link #cover(Caller, ProjectToken, long)}, and at a broker too: a caller held to {@code callerRules}
     * (its own {@code mqtt_rules}; null for root and people) that do not grant everything covers only a
     * token with the same rules ({@link MqttRuleLimits#isWithin}).
     */
    public static boolean cover(Caller caller, MqttRules callerRules, ProjectToken token, long validDate) {
        if (callerRules != null && !MqttRuleLimits.isWithin(token.mqttRules(), callerRules)) {
            return false;
        }
        Long until = caller.validDate();
        if (until != null && validDate > until) {
            return false;
        }
        if (!IpAllowLists.isInside(CidrList.parse(token.allowedIps()), caller.allowedIps())) {
            return false;
        }
        if (caller.role() != null && !caller.role().atLeast(token.role())) {
            return false;
        }
        return !caller.isRestricted()
                || token.type() == TokenType.RESTRICTED && caller.brokers().containsAll(token.brokers());
    }
}
