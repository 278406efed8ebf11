package io.tollgate.tokens.entity;

import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.net.CidrList;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the request path needs to know about a token, read once and cached: no secret, no
 * persistence context. {@code lastUsedWritten} is the last {@code last_used_date} this node knows
 * to be in the database, so that uses are written at most once per window. {@code allowedIps} is parsed
 * here, once per cache entry, so that a request pays only the match (nothing for an empty list).
 */
public record ActiveToken(String id, String projectId, String name, Role role, TokenType type,
                          Set<String> brokers, long validDate, AtomicLong lastUsedWritten, CidrList allowedIps) {

    public static final long NEVER = Long.MIN_VALUE;

    /** A token usable from any address. */
    public ActiveToken(String id, String projectId, String name, Role role, TokenType type,
                       Set<String> brokers, long validDate, AtomicLong lastUsedWritten) {
        this(id, projectId, name, role, type, brokers, validDate, lastUsedWritten, CidrList.EMPTY);
    }

    public static ActiveToken of(ProjectToken token) {
        Long lastUsed = token.lastUsedDate();
        return new ActiveToken(token.id(), token.projectId(), token.name(), token.role(), token.type(),
                token.brokers(), token.validDate(), new AtomicLong(lastUsed == null ? NEVER : lastUsed),
                CidrList.parse(token.allowedIps()));
    }

    public boolean isExpired(long now) {
        return validDate <= now;
    }

    public boolean isRestricted() {
        return type == TokenType.RESTRICTED;
    }

    /** Who calls with this token; its id lets {@code TokenUseRecorder} find this record again. */
    public Caller caller() {
        return Caller.token(id, name, projectId, role, isRestricted(), brokers, validDate, allowedIps);
    }
}
