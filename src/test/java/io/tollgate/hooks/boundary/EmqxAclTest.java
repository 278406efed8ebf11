package io.tollgate.hooks.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.mqtt.entity.MqttRule;
import io.tollgate.mqtt.entity.MqttRules;
import jakarta.json.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A token's rules as EMQX's {@code acl}: only what EMQX decides exactly as Tollgate does. */
class EmqxAclTest {

    @Test
    void publishRulesGoInOrderWithPlaceholdersFilledThenEverythingElseIsDenied() {
        MqttRules rules = new MqttRules(List.of(
                MqttRule.deny(MqttRule.Action.PUBLISH, "devices/${clientid}/config"),
                new MqttRule(MqttRule.Effect.ALLOW, MqttRule.Action.ALL, "devices/${clientid}/#", Set.of(1, 0), false),
                MqttRule.allow(MqttRule.Action.SUBSCRIBE, "broadcast/#")));
        assertEquals(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("permission", "deny").add("action", "publish").add("topic", "devices/c7/config"))
                .add(Json.createObjectBuilder().add("permission", "allow").add("action", "publish").add("topic", "devices/c7/#")
                        .add("qos", Json.createArrayBuilder().add(0).add(1)).add("retain", false))
                .add(Json.createObjectBuilder().add("permission", "deny").add("action", "publish").add("topic", "#"))
                .build(), EmqxAcl.of(rules, "c7", "u").orElseThrow());
    }

    @Test
    void aRuleThatCannotMatchThisClientIsLeftOut() {
        MqttRules rules = new MqttRules(List.of(MqttRule.allow(MqttRule.Action.PUBLISH, "devices/${clientid}")));
        assertEquals(1, EmqxAcl.of(rules, "a/#", "u").orElseThrow().size(), "only the final deny");
    }

    @Test
    void noAclWhenEmqxWouldReadAFilterDifferently() {
        assertTrue(EmqxAcl.of(new MqttRules(List.of(MqttRule.allow(MqttRule.Action.PUBLISH, "eq x"))), "c", "u").isEmpty());
        assertTrue(EmqxAcl.of(new MqttRules(List.of(MqttRule.allow(MqttRule.Action.PUBLISH, "d/${username}"))), "c", "${clientid}")
                .isEmpty(), "EMQX would fill the placeholder a username brought in");
    }
}
