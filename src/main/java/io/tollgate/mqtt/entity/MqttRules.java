package io.tollgate.mqtt.entity;

import io.tollgate.access.entity.Role;
import io.tollgate.mqtt.entity.MqttRule.Action;
import io.tollgate.mqtt.entity.MqttRule.Effect;
import java.util.List;

/**
 * A token's ordered topic rules and the one decision each broker check asks of them (§9): the first
 * rule that applies decides, and when none does the answer is deny.
 */
public record MqttRules(List<MqttRule> rules) {

    public static final int MAX_RULES = 64;

    private static final MqttRules EVERYTHING = new MqttRules(List.of(MqttRule.allow(Action.ALL, "#")));
    private static final MqttRules SUBSCRIBE_ONLY = new MqttRules(List.of(MqttRule.allow(Action.SUBSCRIBE, "#")));

    public MqttRules {
        rules = List.copyOf(rules);
    }

    /** The rules of a token created without any: a viewer may subscribe to everything, the others do anything. */
    public static MqttRules defaultFor(Role role) {
        return role == Role.VIEWER ? SUBSCRIBE_ONLY : EVERYTHING;
    }

    /** {@code [allow all "#"]}: the only rules that may give other tokens rules different from their own. */
    public boolean grantsEverything() {
        return equals(EVERYTHING);
    }

    /** A publish to the topic name {@code topic}: the first publish rule matching topic, QoS and retain flag decides. */
    public boolean allowsPublish(String topic, int qos, boolean retain, String clientId, String username) {
        for (MqttRule rule : rules) {
            if (!rule.action().includes(Action.PUBLISH) || !rule.acceptsQos(qos) || !rule.acceptsRetain(retain)) {
                continue;
            }
            TopicFilter filter = rule.filterFor(clientId, username);
            if (filter != null && filter.matches(topic)) {
                return rule.effect() == Effect.ALLOW;
            }
        }
        return false;
    }

    /**
     * A subscription to {@code requested} (a filter, or a topic name for a delivery check): allowed only
     * if the first subscribe rule that overlaps it is an allow whose filter covers every topic it can
     * match, so {@code #} is refused unless {@code #} is granted. {@code qos} {@code null}: any.
     */
    public boolean allowsSubscribe(String requested, Integer qos, String clientId, String username) {
        if (TopicFilter.problem(requested).isPresent()) {
            return false;
        }
        TopicFilter asked = TopicFilter.of(requested);
        for (MqttRule rule : rules) {
            if (!rule.action().includes(Action.SUBSCRIBE) || (qos != null && !rule.acceptsQos(qos))) {
                continue;
            }
            TopicFilter filter = rule.filterFor(clientId, username);
            if (filter != null && filter.overlaps(asked)) {
                return rule.effect() == Effect.ALLOW && filter.covers(asked);
            }
        }
        return false;
    }
}
