/**
 * MQTT brokers check tokens (§9). So far the topic-rule algebra the checks rest on
 * ({@code entity}): {@code TopicFilter} validates MQTT topic filters strictly and answers
 * matching, overlap and coverage (with the {@code $}-topic and parent-level rules of the MQTT
 * specification); {@code MqttRules} is a token's ordered rules and the decision for a publish (first
 * matching rule) or a subscription (the first overlapping rule must be an allow that covers all the
 * subscription can receive), with {@code ${clientid}}/{@code ${username}} placeholders that can never
 * widen a rule. The hook endpoints, hook keys and the {@code mqtt_rules} token field come next.
 */
package io.tollgate.mqtt;
