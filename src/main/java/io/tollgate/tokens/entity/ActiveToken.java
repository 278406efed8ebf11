package io.tollgate.tokens.entity;

import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the request path needs to know about a token, read once and cached: no secret, no
 * persistence context. {@code lastUsedWritten} is the last {@code last_used_date} this node knows
 * to be in the database, so that uses are written at most once per window.
 */
public record ActiveToken(String id, String projectId, String name, Role role, TokenType type,
                          Set<String> brokers, long validDate, AtomicLong lastUsedWritten) {

    public static final long NEVER = Long.MIN_VALUE;

    public static ActiveToken of(ProjectToken token) {
        Long lastUsed = token.lastUsedDate();
        return new ActiveToken(token.id(), token.projectId(), token.name(), token.role(), token.type(),
                token.brokers(), token.validDate(), new AtomicLong(lastUsed == null ? NEVER : lastUsed));
    }

    public boolean isExpired(long now) {
        return validDate <= now;
    }

    public boolean isRestricted() {
        return type == TokenType.RESTRICTED;
    }

    /** Who calls with this token; its id lets {@code UsageRecorder} find this record again. */
    public Caller caller() {
        return Caller.token(id, name, projectId, role, isRestricted(), brokers, validDate);
    }
}
