package io.tollgate.tokens.control;

import io.tollgate.errors.InvalidField;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.mqtt.entity.MqttRulesJson;

/**
 * No escalation for {@code mqtt_rules} (spec section 9): a token whose own rules are not
 * {@code [allow all "#"]} may give other tokens only rules equal to its own. Equal, not merely covered:
 * whether one ordered first-match list grants no more than another is no question worth a subtle
 * answer here. Root and people are bounded by no rules ({@code null}), nor is a token that grants everything.
 */
public final class MqttRuleLimits {

    private MqttRuleLimits() {
    }

    /**
     * The rules of a new token: the requested ones ({@code null}: its role's default), or the creator's
     * own when those are narrower and the request names none (absent = inherit).
     *
     * @param creator the creating token's rules; null for root and people
     */
    public static MqttRules forNewToken(MqttRules requested, MqttRules creator) {
        if (isUnbounded(creator)) {
            return requested;
        }
        if (requested == null) {
            return creator;
        }
        requireEqual(requested, creator);
        return requested;
    }

    /** The rules a PATCH sets ({@code requested}, not null): only the caller's own, unless it is unbounded. */
    public static MqttRules forPatch(MqttRules requested, MqttRules caller) {
        if (!isUnbounded(caller)) {
            requireEqual(requested, caller);
        }
        return requested;
    }

    /**
     * Whether a token held to {@code rules} can do at a broker no more than a caller held to {@code own}
     * (what rotating it hands over): always when {@code own} is unbounded, else only when they are equal.
     */
    public static boolean isWithin(MqttRules rules, MqttRules own) {
        return isUnbounded(own) || rules.equals(own);
    }

    private static boolean isUnbounded(MqttRules own) {
        return own == null || own.grantsEverything();
    }

    private static void requireEqual(MqttRules requested, MqttRules own) {
        if (!requested.equals(own)) {
            throw new InvalidField(MqttRulesJson.FIELD, MqttRulesJson.FIELD + " must equal the mqtt_rules of the "
                    + "token making this request, whose own rules do not grant everything");
        }
    }
}
