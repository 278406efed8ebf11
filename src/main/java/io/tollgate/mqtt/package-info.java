/**
 * MQTT brokers checking tokens (§9); so far the topic-rule algebra ({@code entity}). Decisions:
 * <ul>
 * <li>{@code TopicFilter} is strict MQTT and answers matching, overlap and coverage, with the
 * {@code $}-topic and parent-level rules.</li>
 * <li>A publish takes the first matching rule; a subscription needs its first overlapping rule to be an
 * allow that covers everything it can receive.</li>
 * <li>{@code ${clientid}}/{@code ${username}} placeholders can never widen a rule.</li>
 * </ul>
 */
package io.tollgate.mqtt;
