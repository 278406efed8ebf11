package io.tollgate.tokens.boundary;

import io.tollgate.json.JsonBuilders;
import io.tollgate.mqtt.entity.MqttRulesJson;
import io.tollgate.tokens.control.LastUses.LastUse;
import io.tollgate.tokens.entity.ProjectToken;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The one wire shape of a project token, for create, list, edit, rotate, suspend and resume. It lives
 * here, not on the entity,
 * because it holds what the entity must never see: the one-time secret and the request's clock.
 */
final class TokenJson {

    private TokenJson() {
    }

    /** A listed token: {@code token} is null, the secret is gone for good. */
    static JsonObject of(ProjectToken token, long now) {
        return of(token, null, null, now);
    }

    /**
     * A listed token whose last use may not be written yet: {@code pending} (this node's use waiting
     * for the usage writer, or null) wins over the stored date when it is later.
     */
    static JsonObject of(ProjectToken token, LastUse pending, long now) {
        return of(token, null, pending, now);
    }

    /** {@code secret} is non-null only in the response that creates the token. */
    static JsonObject of(ProjectToken token, String secret, long now) {
        return of(token, secret, null, now);
    }

    private static JsonObject of(ProjectToken token, String secret, LastUse pending, long now) {
        JsonArrayBuilder brokerIds = JsonBuilders.array();
        token.brokers().stream().sorted().forEach(brokerIds::add);
        JsonObjectBuilder json = JsonBuilders.object()
                .add("id", token.id())
                .add("project_id", token.projectId())
                .add("role_id", token.role().id())
                .add("issuer", token.issuer())
                .add("name", token.name())
                .add("hash", token.hash())
                .add("issue_date", token.issueDate())
                .add("valid_date", token.validDate());
        Long lastUsed = token.lastUsedDate();
        String lastUsedIp = token.lastUsedIp();
        if (pending != null && (lastUsed == null || pending.at() > lastUsed)) {
            lastUsed = pending.at();
            lastUsedIp = pending.ip();
        }
        if (lastUsed == null) {
            json.addNull("last_used_date");
        } else {
            json.add("last_used_date", lastUsed);
        }
        if (lastUsedIp == null) {
            json.addNull("last_used_ip");
        } else {
            json.add("last_used_ip", lastUsedIp);
        }
        JsonArrayBuilder allowedIps = JsonBuilders.array();
        token.allowedIps().forEach(allowedIps::add);
        json.add("brokers", brokerIds)
                .add("type", token.type().id())
                .add("allowed_ips", allowedIps)
                .add("mqtt_rules", MqttRulesJson.write(token.mqttRules()))
                .add("status", token.status(now).id());
        nullable(json, "suspended_date", token.suspendedDate());
        if (token.suspendReason() == null) {
            json.addNull("suspend_reason");
        } else {
            json.add("suspend_reason", token.suspendReason());
        }
        nullable(json, "rotated_date", token.rotatedDate());
        nullable(json, "previous_valid_until", token.previousValidUntil());
        if (secret == null) {
            json.addNull("token");
        } else {
            json.add("token", secret);
        }
        return json.build();
    }

    private static void nullable(JsonObjectBuilder json, String name, Long value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
