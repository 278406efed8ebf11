package io.tollgate.mqtt.entity;

import io.tollgate.access.entity.Role;
import io.tollgate.errors.InvalidField;
import io.tollgate.json.JsonBuilders;
import io.tollgate.mqtt.entity.MqttRule.Action;
import io.tollgate.mqtt.entity.MqttRule.Effect;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The wire shape of {@code mqtt_rules} (§9), read strictly and written in one form: an array of at most
 * {@value MqttRules#MAX_RULES} objects {@code {"effect", "action", "filter", "qos"?, "retain"?}}. Reading
 * refuses, with {@code info.field} {@value #FIELD}, anything else: unknown keys, wrong JSON types (no
 * coercion), a filter that is no strict MQTT topic filter (its placeholders taken as the literal level
 * text they are), {@code qos} that is empty, repeats a level or names one outside 0..2. {@code null} counts
 * as absent for the optional keys, as for every request field. The stored form is the written one.
 */
public final class MqttRulesJson {

    /** The token field, and the {@code info.field} of every refusal. */
    public static final String FIELD = "mqtt_rules";

    private static final Set<String> KEYS = Set.of("effect", "action", "filter", "qos", "retain");
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final Map<MqttRules, JsonArray> ROLE_DEFAULTS = Map.of(
            MqttRules.defaultFor(Role.VIEWER), build(MqttRules.defaultFor(Role.VIEWER)),
            MqttRules.defaultFor(Role.ADMIN), build(MqttRules.defaultFor(Role.ADMIN)));

    private MqttRulesJson() {
    }

    /** The rules {@code value} describes, or an {@link InvalidField} naming the first thing wrong with it. */
    public static MqttRules read(JsonValue value) {
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw refused(FIELD + " must be an array of rules");
        }
        JsonArray array = value.asJsonArray();
        if (array.size() > MqttRules.MAX_RULES) {
            throw refused(FIELD + " must list at most " + MqttRules.MAX_RULES + " rules");
        }
        List<MqttRule> rules = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            rules.add(rule(array.get(i), FIELD + " rule " + (i + 1)));
        }
        return new MqttRules(rules);
    }

    /**
     * The rules as the API shows them: keys in the contract's order, {@code qos} ascending, absent ones left
     * out. The role defaults, which most tokens have, are built once (a token list writes one per token).
     */
    public static JsonArray write(MqttRules rules) {
        JsonArray role = ROLE_DEFAULTS.get(rules);
        return role != null ? role : build(rules);
    }

    private static JsonArray build(MqttRules rules) {
        JsonArrayBuilder array = JsonBuilders.array();
        for (MqttRule rule : rules.rules()) {
            JsonObjectBuilder json = JsonBuilders.object()
                    .add("effect", rule.effect().name().toLowerCase(Locale.ROOT))
                    .add("action", rule.action().name().toLowerCase(Locale.ROOT))
                    .add("filter", rule.filter());
            if (rule.qos() != null) {
                JsonArrayBuilder levels = JsonBuilders.array();
                new TreeSet<>(rule.qos()).forEach(levels::add);
                json.add("qos", levels);
            }
            if (rule.retain() != null) {
                json.add("retain", rule.retain());
            }
            array.add(json);
        }
        return array.build();
    }

    /** The compact JSON text a token stores. */
    public static String text(MqttRules rules) {
        return write(rules).toString();
    }

    /** Rules stored as {@link #text}; stored text that is not such rules is a bug, not a client's error. */
    public static MqttRules parse(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return read(reader.readValue());
        } catch (InvalidField | JsonParsingException e) {
            throw new IllegalStateException("stored " + FIELD + " are not valid rules: " + e.getMessage(), e);
        } catch (JsonException e) {
            throw new IllegalStateException("stored " + FIELD + " could not be read", e);
        }
    }

    private static MqttRule rule(JsonValue value, String where) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw refused(where + " must be an object");
        }
        JsonObject json = value.asJsonObject();
        for (String key : json.keySet()) {
            if (!KEYS.contains(key)) {
                throw refused(where + " has an unknown field '" + key + "'");
            }
        }
        Effect effect = switch (string(json, "effect", where)) {
            case "allow" -> Effect.ALLOW;
            case "deny" -> Effect.DENY;
            default -> throw refused(where + ": effect must be allow or deny");
        };
        Action action = switch (string(json, "action", where)) {
            case "publish" -> Action.PUBLISH;
            case "subscribe" -> Action.SUBSCRIBE;
            case "all" -> Action.ALL;
            default -> throw refused(where + ": action must be publish, subscribe or all");
        };
        String filter = string(json, "filter", where);
        // placeholders stay as they are: ${clientid} is literal level text here, filled only per check
        TopicFilter.problem(filter).ifPresent(problem -> {
            throw refused(where + ": filter " + problem);
        });
        return new MqttRule(effect, action, filter, qos(json, where), retain(json, where));
    }

    private static String string(JsonObject json, String key, String where) {
        JsonValue value = json.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw refused(where + ": " + key + " is required");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw refused(where + ": " + key + " must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static Set<Integer> qos(JsonObject json, String where) {
        JsonValue value = json.get("qos");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String rule = where + ": qos must be a non-empty array of distinct QoS levels 0, 1 and 2";
        if (value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().isEmpty()) {
            throw refused(rule);
        }
        Set<Integer> levels = new HashSet<>();
        for (JsonValue item : value.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) item).isIntegral()) {
                throw refused(rule);
            }
            JsonNumber number = (JsonNumber) item;
            int level;
            try {
                level = number.intValueExact();
            } catch (ArithmeticException tooLarge) {
                throw refused(rule);
            }
            if (level < 0 || level > 2 || !levels.add(level)) {
                throw refused(rule);
            }
        }
        return levels;
    }

    private static Boolean retain(JsonObject json, String where) {
        JsonValue value = json.get("retain");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (value.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw refused(where + ": retain must be true or false");
    }

    private static InvalidField refused(String message) {
        return new InvalidField(FIELD, message);
    }
}
