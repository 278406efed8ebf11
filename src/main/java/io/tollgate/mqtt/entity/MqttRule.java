package io.tollgate.mqtt.entity;

import java.util.Set;

/**
 * One of a token's {@code mqtt_rules} (§9): an effect for an action on the topics of a filter, narrowed
 * by QoS and retain flag where given ({@code null} = any). The filter may hold the placeholders
 * {@code ${clientid}} and {@code ${username}}, filled per check ({@link #filterFor}).
 */
public record MqttRule(Effect effect, Action action, String filter, Set<Integer> qos, Boolean retain) {

    public static final String CLIENT_ID = "${clientid}";
    public static final String USERNAME = "${username}";

    public enum Effect {
        ALLOW, DENY
    }

    public enum Action {
        PUBLISH, SUBSCRIBE, ALL;

        boolean includes(Action asked) {
            return this == ALL || this == asked;
        }
    }

    public MqttRule {
        qos = qos == null ? null : Set.copyOf(qos);
    }

    public static MqttRule allow(Action action, String filter) {
        return new MqttRule(Effect.ALLOW, action, filter, null, null);
    }

    public static MqttRule deny(Action action, String filter) {
        return new MqttRule(Effect.DENY, action, filter, null, null);
    }

    /**
     * The filter with its placeholders filled for this client, or {@code null} when a value is missing
     * or would widen the rule (it holds {@code +}, {@code #} or {@code /}): the rule then matches nothing.
     */
    public TopicFilter filterFor(String clientId, String username) {
        String text = filter;
        if (text.contains(CLIENT_ID)) {
            if (!harmless(clientId)) {
                return null;
            }
            text = text.replace(CLIENT_ID, clientId);
        }
        if (text.contains(USERNAME)) {
            if (!harmless(username)) {
                return null;
            }
            text = text.replace(USERNAME, username);
        }
        return TopicFilter.problem(text).isEmpty() ? TopicFilter.of(text) : null;
    }

    boolean acceptsQos(int asked) {
        return qos == null || qos.contains(asked);
    }

    boolean acceptsRetain(boolean asked) {
        return retain == null || retain == asked;
    }

    private static boolean harmless(String value) {
        return value != null && value.indexOf('+') < 0 && value.indexOf('#') < 0 && value.indexOf('/') < 0;
    }
}
