/**
 * MQTT brokers checking tokens (§9); so far the topic-rule algebra and its wire shape ({@code entity}).
 * It knows no token: {@code tokens} stores a token's rules and depends on this package, never the other
 * way round. Decisions:
 * <ul>
 * <li>{@code TopicFilter} is strict MQTT and answers matching, overlap and coverage, with the
 * {@code $}-topic and parent-level rules.</li>
 * <li>A publish takes the first matching rule; a subscription needs its first overlapping rule to be an
 * allow that covers everything it can receive.</li>
 * <li>{@code ${clientid}}/{@code ${username}} placeholders can never widen a rule. A filter is validated
 * with its placeholders in it as literal level text, and filled only at check time.</li>
 * <li>{@code MqttRulesJson} is the one reader and writer of {@code mqtt_rules}, for the API and the stored
 * column alike: strict (unknown keys, wrong types, bad filters, {@code qos} outside 0..2 or repeated, more
 * than 64 rules are refused naming the field {@code mqtt_rules}); written with {@code qos} ascending and
 * absent optional keys left out.</li>
 * <li>An empty list is valid: it denies everything (no rule matches, and no match is a deny), a way to
 * keep a token for the API only. An empty {@code qos} list is refused: it would make its rule match
 * nothing, which is surely a mistake.</li>
 * </ul>
 */
package io.tollgate.mqtt;
