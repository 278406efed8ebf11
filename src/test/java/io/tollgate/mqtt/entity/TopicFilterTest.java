package io.tollgate.mqtt.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The MQTT topic filter algebra the broker checks rest on: validation, matching, overlap, coverage. */
class TopicFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "a", "a/b", "a/#", "a/+/c", "+/+", "/", "a//b", "/a", "$SYS/#",
        "devices/${clientid}/#", "sport/tennis/player1/#", "ünï/çødé"})
    void validFiltersAreAccepted(String text) {
        assertTrue(TopicFilter.problem(text).isEmpty(), text);
        assertEquals(text, TopicFilter.of(text).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/#/b", "#/a", "a#", "a/b#", "a+", "a/+b", "+a/b", "a/#/#", "##", "++"})
    void wildcardsOnlyAsWholeLevelsAndHashOnlyLast(String text) {
        assertTrue(TopicFilter.problem(text).isPresent(), text);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TopicFilter.of(text));
        assertTrue(refused.getMessage().startsWith("a topic filter may use"), refused.getMessage());
    }

    @Test
    void emptyOverlongAndNulFiltersAreRefused() {
        assertEquals("must not be empty", TopicFilter.problem("").orElseThrow());
        assertEquals("must not be empty", TopicFilter.problem(null).orElseThrow());
        assertTrue(TopicFilter.problem("a".repeat(256)).isEmpty());
        assertEquals("must be at most 256 characters", TopicFilter.problem("a".repeat(257)).orElseThrow());
        assertEquals("must not contain the NUL character", TopicFilter.problem("a\0b").orElseThrow());
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "a/#, a, true",
        "a/#, a/b, true",
        "a/#, a/b/c, true",
        "a/#, ab, false",
        "a/#, b/a, false",
        "a/+, a/b, true",
        "a/+, a, false",
        "a/+, a/b/c, false",
        "a/+, a/, true",
        "+/+, a/b, true",
        "+/+, /b, true",
        "+/+, a, false",
        "+, a, true",
        "+, '', false",
        "#, a/b/c, true",
        "#, $SYS/broker, false",
        "+/broker, $SYS/broker, false",
        "$SYS/#, $SYS/broker, true",
        "$SYS/+, $SYS/broker, true",
        "a/b, a/b, true",
        "a/b, a/b/, false",
        "a/b, A/b, false",
        "a/#, a/+, false",
        "#, a/#, false",
    })
    void matchingATopicName(String filter, String topic, boolean expected) {
        assertEquals(expected, TopicFilter.of(filter).matches(topic));
    }

    @ParameterizedTest(name = "{0} overlaps {1}: {2}")
    @CsvSource({
        "a/#, a, true",
        "a, a/#, true",
        "a/#, a/b/c, true",
        "a/+, a/#, true",
        "+/+, #, true",
        "#, +/+, true",
        "+/b, a/+, true",
        "a/b, a/c, false",
        "a/+, b/+, false",
        "a/+, a, false",
        "a/+/c, a/b, false",
        "a/+/#, a/b, true",
        "a, a/b, false",
        "#, $SYS/broker, false",
        "$SYS/broker, +/broker, false",
        "$SYS/#, #, false",
        "$SYS/#, $SYS/broker/load, true",
        "+, #, true",
    })
    void overlap(String one, String other, boolean expected) {
        assertEquals(expected, TopicFilter.of(one).overlaps(TopicFilter.of(other)));
        assertEquals(expected, TopicFilter.of(other).overlaps(TopicFilter.of(one)), "overlap is symmetric");
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        "#, #, true",
        "#, a/#, true",
        "#, +/+, true",
        "+/+, #, false",
        "a/#, a, true",
        "a, a/#, false",
        "a/#, a/#, true",
        "a/#, a/+/c, true",
        "a/+, a/#, false",
        "a/+, a/b, true",
        "a/+, a/+, true",
        "a/b, a/+, false",
        "+/b, a/b, true",
        "+/b, a/+, false",
        "a/+/#, a/b, true",
        "a/+/#, a, false",
        "#, $SYS/#, false",
        "+/#, $SYS/broker, false",
        "$SYS/#, $SYS/broker, true",
        "$SYS/#, #, false",
        "devices/#, #, false",
        "a/b, a/b, true",
    })
    void coverage(String grant, String requested, boolean expected) {
        assertEquals(expected, TopicFilter.of(grant).covers(TopicFilter.of(requested)));
    }

    @Test
    void aPublishToAWildcardIsNoTopicAndMatchesNothing() {
        assertFalse(TopicFilter.of("#").matches("a/+"));
        assertFalse(TopicFilter.of("#").matches("a/#"));
        assertFalse(TopicFilter.of("#").matches(""), "an empty topic name is no topic");
    }
}
