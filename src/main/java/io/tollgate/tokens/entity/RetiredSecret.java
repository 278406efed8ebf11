package io.tollgate.tokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The hash of a secret that no longer is a token's current one: replaced by a rotation
 * ({@code rotated}; it works until {@code ended_date}, the end of its grace) or belonging to a deleted
 * token ({@code revoked}). Kept so that a 401 can say why ({@code info.reason}) and a leak report can
 * match previous secrets; dropped {@code tollgate.tokens.revoked-retention} (default 90 days) after
 * {@code ended_date}. Never the secret itself.
 */
@Entity
@Table(name = "retired_token_secrets")
@NamedQuery(name = RetiredSecret.END_PREVIOUS, query = "UPDATE RetiredSecret r SET r.endedDate = :now "
        + "WHERE r.tokenId = :token AND r.reason = 'rotated' AND r.endedDate > :now")
@NamedQuery(name = RetiredSecret.REVOKE_TOKEN,
        query = "UPDATE RetiredSecret r SET r.reason = 'revoked' WHERE r.tokenId = :token")
@NamedQuery(name = RetiredSecret.REVOKE_PROJECT, query = "UPDATE RetiredSecret r SET r.reason = 'revoked' "
        + "WHERE r.tokenId IN (SELECT t.id FROM ProjectToken t WHERE t.projectId = :project)")
@NamedQuery(name = RetiredSecret.FORGET_BEFORE, query = "DELETE FROM RetiredSecret r WHERE r.endedDate < :cutoff")
public class RetiredSecret {

    public static final String END_PREVIOUS = "RetiredSecret.endPrevious";
    public static final String REVOKE_TOKEN = "RetiredSecret.revokeToken";
    public static final String REVOKE_PROJECT = "RetiredSecret.revokeProject";
    public static final String FORGET_BEFORE = "RetiredSecret.forgetBefore";
    public static final String ROTATED = "rotated";
    public static final String REVOKED = "revoked";

    @Id
    @Column(length = 64)
    private String hash;

    @Column(name = "token_id", nullable = false, length = 36)
    private String tokenId;

    @Column(nullable = false, length = 16)
    private String reason;

    @Column(name = "ended_date", nullable = false)
    private long endedDate;

    protected RetiredSecret() {
    }

    private RetiredSecret(String hash, String tokenId, String reason, long endedDate) {
        this.hash = hash;
        this.tokenId = tokenId;
        this.reason = reason;
        this.endedDate = endedDate;
    }

    /** A secret replaced by a rotation, working until {@code endedDate}. */
    public static RetiredSecret rotated(String hash, String tokenId, long endedDate) {
        return new RetiredSecret(hash, tokenId, ROTATED, endedDate);
    }

    /** The last secret of a token deleted at {@code now}. */
    public static RetiredSecret revoked(String hash, String tokenId, long now) {
        return new RetiredSecret(hash, tokenId, REVOKED, now);
    }

    public String hash() {
        return hash;
    }

    public String tokenId() {
        return tokenId;
    }

    public boolean isRevoked() {
        return REVOKED.equals(reason);
    }

    /** When it stopped (or stops) working. */
    public long endedDate() {
        return endedDate;
    }
}
