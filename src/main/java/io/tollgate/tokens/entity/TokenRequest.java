package io.tollgate.tokens.entity;

import io.tollgate.access.entity.Role;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.net.CidrList;
import java.util.Set;

/**
 * A valid request to create a token ({@link TokenBody#toRequest}); {@code validDate} is still text.
 * {@code allowedIps} is what the client named ({@code []} when absent): the creator's own list may
 * still narrow it ({@code Tokens}). {@code mqttRules} is null when the client named none: the role's
 * default, or the creator's own rules when those are narrower ({@code Tokens}).
 */
public record TokenRequest(String name, Role role, TokenType type, Set<String> brokers, String validDate,
                           CidrList allowedIps, MqttRules mqttRules) {

    /** A request that names no {@code allowed_ips} and no {@code mqtt_rules}. */
    public TokenRequest(String name, Role role, TokenType type, Set<String> brokers, String validDate) {
        this(name, role, type, brokers, validDate, CidrList.EMPTY, null);
    }

    /** A request that names no {@code mqtt_rules}. */
    public TokenRequest(String name, Role role, TokenType type, Set<String> brokers, String validDate,
                        CidrList allowedIps) {
        this(name, role, type, brokers, validDate, allowedIps, null);
    }
}
