package io.tollgate.hooks.boundary;

import io.tollgate.json.JsonBuilders;
import io.tollgate.mqtt.entity.MqttRule;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.mqtt.entity.TopicFilter;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A token's rules as the {@code acl} of EMQX's authentication answer (EMQX 5.8+: ordered rules of
 * {@code permission}, {@code action}, {@code topic}, optional {@code qos} and {@code retain}), so that
 * EMQX decides publishes by itself. Only what EMQX would decide exactly as Tollgate does goes in:
 * <ul>
 * <li>The publish side of every rule, with the placeholders already filled for this client (a rule
 * whose placeholder value could widen it matches nothing and is left out), then
 * {@code deny publish #}: EMQX's first matching rule decides a publish as Tollgate's does.</li>
 * <li>No subscribe rule: EMQX takes the first rule whose filter covers a subscription, Tollgate the
 * first that overlaps it; EMQX finds none and asks the authorization endpoint, which answers exactly.</li>
 * <li>None at all when a filled filter would read differently to EMQX (it begins with {@code eq } or
 * holds a placeholder of EMQX's): EMQX then asks the authorization endpoint for every publish too.</li>
 * </ul>
 */
final class EmqxAcl {

    private EmqxAcl() {
    }

    static Optional<JsonArray> of(MqttRules rules, String clientId, String username) {
        JsonArrayBuilder acl = JsonBuilders.array();
        for (MqttRule rule : rules.rules()) {
            if (rule.action() == MqttRule.Action.SUBSCRIBE) {
                continue;
            }
            TopicFilter filter = rule.filterFor(clientId, username);
            if (filter == null) {
                continue; // matches nothing for this client
            }
            String topic = filter.text();
            if (topic.startsWith("eq ") || topic.contains("${")) {
                return Optional.empty();
            }
            JsonObjectBuilder entry = JsonBuilders.object()
                    .add("permission", rule.effect() == MqttRule.Effect.ALLOW ? "allow" : "deny")
                    .add("action", "publish")
                    .add("topic", topic);
            if (rule.qos() != null) {
                JsonArrayBuilder qos = JsonBuilders.array();
                new TreeSet<>(rule.qos()).forEach(qos::add);
                entry.add("qos", qos);
            }
            if (rule.retain() != null) {
                entry.add("retain", rule.retain());
            }
            acl.add(entry);
        }
        acl.add(JsonBuilders.object().add("permission", "deny").add("action", "publish").add("topic", "#"));
        return Optional.of(acl.build());
    }
}
