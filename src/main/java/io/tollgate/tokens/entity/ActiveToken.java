package io.tollgate.tokens.entity;

import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Refusal;
import io.tollgate.access.entity.Role;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.net.CidrList;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the request path needs to know about a token, read once and cached: no secret, no
 * persistence context. {@code lastUsedWritten} is the last {@code last_used_date} this node knows
 * to be in the database, so that uses are written at most once per window. {@code allowedIps} is parsed
 * here, once per cache entry, so that a request pays only the match (nothing for an empty list).
 * <p>
 * One record per cached secret: the current secret's has {@code secretEnds} null; a previous
 * secret's carries the end of its grace, so that it is refused at that very instant on every node
 * with no event and no query (the cache entry itself knows).
 *
 * @param suspended  whether the token is suspended (every secret of it refused)
 * @param secretEnds for a previous secret, when it stops working (epoch ms); null for the current one
 * @param mqttRules  the topic rules a broker holds it to (spec section 9): its own, or its role's default,
 *                   read once per cache entry like {@code allowedIps}
 */
public record ActiveToken(String id, String projectId, String name, Role role, TokenType type,
                          Set<String> brokers, long validDate, AtomicLong lastUsedWritten,
                          boolean suspended, Long secretEnds, CidrList allowedIps, MqttRules mqttRules) {

    public static final long NEVER = Long.MIN_VALUE;

    /** A token's current secret, neither suspended nor rotated, usable from any address. */
    public ActiveToken(String id, String projectId, String name, Role role, TokenType type,
                       Set<String> brokers, long validDate, AtomicLong lastUsedWritten) {
        this(id, projectId, name, role, type, brokers, validDate, lastUsedWritten, false, null, CidrList.EMPTY);
    }

    /** A token held to its role's default topic rules. */
    public ActiveToken(String id, String projectId, String name, Role role, TokenType type,
                       Set<String> brokers, long validDate, AtomicLong lastUsedWritten,
                       boolean suspended, Long secretEnds, CidrList allowedIps) {
        this(id, projectId, name, role, type, brokers, validDate, lastUsedWritten, suspended, secretEnds, allowedIps,
                MqttRules.defaultFor(role));
    }

    /** The token as presented with its current secret. */
    public static ActiveToken of(ProjectToken token) {
        return of(token, null);
    }

    /** The token as presented with a secret that works until {@code secretEnds} (null: the current one). */
    public static ActiveToken of(ProjectToken token, Long secretEnds) {
        Long lastUsed = token.lastUsedDate();
        return new ActiveToken(token.id(), token.projectId(), token.name(), token.role(), token.type(),
                token.brokers(), token.validDate(), new AtomicLong(lastUsed == null ? NEVER : lastUsed),
                token.suspendedDate() != null, secretEnds, CidrList.parse(token.allowedIps()), token.mqttRules());
    }

    /**
     * The same token as a previous secret of it presents it, one that works until {@code secretEnds}
     * (an MQTT client that connected with it during the grace, named by id at its later checks).
     */
    public ActiveToken presentedUntil(long secretEnds) {
        return new ActiveToken(id, projectId, name, role, type, brokers, validDate, lastUsedWritten, suspended, secretEnds,
                allowedIps, mqttRules);
    }

    public boolean isExpired(long now) {
        return validDate <= now;
    }

    /** Whether this is a secret replaced by a rotation whose grace has ended. */
    public boolean isRotatedOut(long now) {
        return secretEnds != null && secretEnds <= now;
    }

    /**
     * Why this secret does not work at {@code now}, or null if it does. When several reasons apply the
     * contract's precedence decides: rotated over suspended over expired.
     */
    public Refusal.Reason refusal(long now) {
        if (isRotatedOut(now)) {
            return Refusal.Reason.ROTATED;
        }
        if (suspended) {
            return Refusal.Reason.SUSPENDED;
        }
        return isExpired(now) ? Refusal.Reason.EXPIRED : null;
    }

    public boolean isRestricted() {
        return type == TokenType.RESTRICTED;
    }

    /**
     * Who calls with this secret; its id lets {@code UsageRecorder} find this record again. A previous
     * secret's caller says so: it ends with its grace, and may act on no token.
     */
    public Caller caller() {
        Caller caller = Caller.token(id, name, projectId, role, isRestricted(), brokers, validDate, allowedIps);
        return secretEnds == null ? caller : caller.withPreviousSecret(secretEnds);
    }
}
