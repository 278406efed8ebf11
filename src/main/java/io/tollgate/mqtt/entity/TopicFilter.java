package io.tollgate.mqtt.entity;

import java.util.List;
import java.util.Optional;

/**
 * An MQTT topic filter (MQTT 3.1.1 §4.7, 5.0 §4.7), strictly validated: 1 to {@value #MAX_LENGTH}
 * characters, no NUL, {@code #} only as the whole last level, {@code +} only as a whole level. A topic
 * name is the special case of a filter without wildcards.
 *
 * <p>The algebra the broker checks need: {@link #matches} (a filter against a published topic),
 * {@link #overlaps} (some topic matches both), {@link #covers} (every topic the other matches, this
 * matches too: what a subscription may be granted by). All three follow the rule that a wildcard in
 * the first level does not match a topic whose first level begins with {@code $} ({@code $SYS/…}), and
 * that {@code a/#} also matches {@code a}.
 */
public final class TopicFilter {

    public static final int MAX_LENGTH = 256;

    private static final String MULTI = "#";
    private static final String SINGLE = "+";

    private final String text;
    private final List<String> levels;

    private TopicFilter(String text) {
        this.text = text;
        this.levels = List.of(text.split("/", -1));
    }

    /** The filter, or why {@code text} is not one (a sentence for the error body's message). */
    public static Optional<String> problem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (text.indexOf('\0') >= 0) {
            return Optional.of("must not contain the NUL character");
        }
        String[] levels = text.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains(MULTI) && (!level.equals(MULTI) || i != levels.length - 1)) {
                return Optional.of("may use # only as the whole last level");
            }
            if (level.contains(SINGLE) && !level.equals(SINGLE)) {
                return Optional.of("may use + only as a whole level");
            }
        }
        return Optional.empty();
    }

    /** {@code text} as a filter; {@link IllegalArgumentException} with the {@link #problem} if it is none. */
    public static TopicFilter of(String text) {
        problem(text).ifPresent(reason -> {
            throw new IllegalArgumentException("a topic filter " + reason);
        });
        return new TopicFilter(text);
    }

    public String text() {
        return text;
    }

    /** No wildcard: a topic name (what a publish names). */
    public boolean isTopicName() {
        return levels.stream().noneMatch(level -> level.equals(MULTI) || level.equals(SINGLE));
    }

    /** This filter matches the published topic {@code topic}; never a "topic" that is no topic name. */
    public boolean matches(String topic) {
        if (problem(topic).isPresent()) {
            return false;
        }
        TopicFilter name = new TopicFilter(topic);
        return name.isTopicName() && covers(name);
    }

    /** Every topic {@code other} can match, this matches too. */
    public boolean covers(TopicFilter other) {
        if (hidesDollarTopicsOf(this, other)) {
            return false;
        }
        for (int i = 0; i < levels.size(); i++) {
            String mine = levels.get(i);
            if (mine.equals(MULTI)) {
                return true;
            }
            if (i == other.levels.size()) {
                return false;
            }
            String theirs = other.levels.get(i);
            if (theirs.equals(MULTI)) {
                return false;
            }
            if (!mine.equals(SINGLE) && (theirs.equals(SINGLE) || !mine.equals(theirs))) {
                return false;
            }
        }
        return levels.size() == other.levels.size();
    }

    /** Some topic matches both filters. */
    public boolean overlaps(TopicFilter other) {
        if (hidesDollarTopicsOf(this, other) || hidesDollarTopicsOf(other, this)) {
            return false;
        }
        int shared = Math.min(levels.size(), other.levels.size());
        for (int i = 0; i < shared; i++) {
            String mine = levels.get(i);
            String theirs = other.levels.get(i);
            if (mine.equals(MULTI) || theirs.equals(MULTI)) {
                return true;
            }
            if (!mine.equals(SINGLE) && !theirs.equals(SINGLE) && !mine.equals(theirs)) {
                return false;
            }
        }
        if (levels.size() == other.levels.size()) {
            return true;
        }
        List<String> longer = levels.size() > other.levels.size() ? levels : other.levels;
        return longer.size() == shared + 1 && longer.get(shared).equals(MULTI);
    }

    /** {@code wild} starts with a wildcard and {@code named} with a {@code $} level, which that wildcard never matches. */
    private static boolean hidesDollarTopicsOf(TopicFilter wild, TopicFilter named) {
        String first = wild.levels.get(0);
        return (first.equals(MULTI) || first.equals(SINGLE)) && named.levels.get(0).startsWith("$");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicFilter filter && filter.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
