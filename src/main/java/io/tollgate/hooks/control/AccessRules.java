package io.tollgate.hooks.control;

import io.tollgate.access.entity.Refusal;
import io.tollgate.hooks.entity.Check;
import io.tollgate.hooks.entity.ClientIp;
import io.tollgate.hooks.entity.Denial;
import io.tollgate.hooks.entity.HookedBroker;
import io.tollgate.hooks.entity.Verdict;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.tokens.entity.ActiveToken;

/**
 * The access decision of spec section 9 on tokens already looked up, at a given instant: pure, so
 * that every contract's adapter gets the same answer for the same facts. A token of another project
 * is {@code invalid} (nothing more is told); then, in the API's precedence, its secret's standing
 * (rotated, suspended, expired), the broker restriction, the IP allow-list, and for publish and
 * subscribe its topic rules.
 */
public final class AccessRules {

    private AccessRules() {
    }

    /**
     * A connect: {@code bySecret} is the token the password's hash found (null: none; {@code missing}
     * then says why: {@code invalid} or {@code revoked}). Its id must be the username.
     */
    public static Verdict connect(ActiveToken bySecret, Denial missing, HookedBroker broker, String username,
                                  ClientIp ip, long now) {
        if (bySecret == null) {
            return Verdict.deny(missing, null);
        }
        if (!bySecret.id().equals(username) || !bySecret.projectId().equals(broker.projectId())) {
            return Verdict.deny(Denial.INVALID, null);
        }
        return standing(bySecret, broker, ip, now);
    }

    /**
     * What every check repeats for the token named by id ({@code byId}, null if there is none): it is
     * of the broker's project, its current secret works now, it may use this broker, from this address.
     */
    public static Verdict standing(ActiveToken byId, HookedBroker broker, ClientIp ip, long now) {
        if (byId == null || !byId.projectId().equals(broker.projectId())) {
            return Verdict.deny(Denial.INVALID, null);
        }
        Refusal.Reason reason = byId.refusal(now);
        if (reason != null) {
            return Verdict.deny(denialOf(reason), byId);
        }
        if (byId.isRestricted() && !byId.brokers().contains(broker.brokerId())) {
            return Verdict.deny(Denial.BROKER_NOT_ALLOWED, byId);
        }
        if (!ip.checkedElsewhere() && !byId.allowedIps().isEmpty() && !byId.allowedIps().contains(ip.address())) {
            return Verdict.deny(Denial.IP_NOT_ALLOWED, byId);
        }
        return Verdict.allow(byId);
    }

    /**
     * A publish, or a subscription or delivery of {@code topic}, by the token named {@code username},
     * under {@code rules}; {@code qos} and {@code retain} null where the contract does not report them.
     */
    public static Verdict topic(ActiveToken byId, MqttRules rules, HookedBroker broker, ClientIp ip, Check check,
                                String topic, Integer qos, Boolean retain, String clientId, String username, long now) {
        Verdict standing = standing(byId, broker, ip, now);
        if (!standing.allowed()) {
            return standing;
        }
        boolean allowed = switch (check) {
            case PUBLISH -> allowsPublish(rules, topic, qos, retain, clientId, username);
            case SUBSCRIBE, READ -> rules.allowsSubscribe(topic, qos, clientId, username);
            case CONNECT -> throw new IllegalArgumentException("a connect has no topic");
        };
        return allowed ? standing : Verdict.deny(Denial.TOPIC_NOT_ALLOWED, byId);
    }

    /**
     * A publish; where the contract does not report its QoS or retain flag ({@code null}: go-auth,
     * RabbitMQ), it is allowed only if the rules allow it with every value the broker might carry.
     */
    static boolean allowsPublish(MqttRules rules, String topic, Integer qos, Boolean retain, String clientId,
                                 String username) {
        for (int q = qos == null ? 0 : qos; q <= (qos == null ? 2 : qos); q++) {
            for (boolean r : retain == null ? new boolean[] {false, true} : new boolean[] {retain}) {
                if (!rules.allowsPublish(topic, q, r, clientId, username)) {
                    return false;
                }
            }
        }
        return true;
    }

    static Denial denialOf(Refusal.Reason reason) {
        return switch (reason) {
            case REVOKED -> Denial.REVOKED;
            case ROTATED -> Denial.ROTATED;
            case SUSPENDED -> Denial.SUSPENDED;
            case EXPIRED -> Denial.EXPIRED;
            case INVALID -> Denial.INVALID;
        };
    }
}
