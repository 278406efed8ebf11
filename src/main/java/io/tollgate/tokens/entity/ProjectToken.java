package io.tollgate.tokens.entity;

import io.tollgate.access.entity.Role;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A project token as stored: never its secret, only the SHA-256 {@code hash} of it. It knows whether
 * it has expired and which brokers it may act on.
 */
@Entity
@Table(name = "project_tokens")
@NamedQuery(name = ProjectToken.OF_PROJECT,
        query = "SELECT t FROM ProjectToken t WHERE t.projectId = :project ORDER BY t.issueDate, t.id",
        // every listed token's brokers in one more query, not one per token (no effect outside EclipseLink)
        hints = {@QueryHint(name = "eclipselink.batch", value = "t.brokers"),
                 @QueryHint(name = "eclipselink.batch.type", value = "IN")})
@NamedQuery(name = ProjectToken.BY_HASH, query = "SELECT t FROM ProjectToken t WHERE t.hash = :hash")
@NamedQuery(name = ProjectToken.COUNT_NAME,
        query = "SELECT COUNT(t) FROM ProjectToken t WHERE t.projectId = :project AND t.name = :name")
public class ProjectToken {

    public static final String OF_PROJECT = "ProjectToken.ofProject";
    public static final String BY_HASH = "ProjectToken.byHash";
    public static final String COUNT_NAME = "ProjectToken.countName";
    public static final int MAX_NAME = 30;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "project_id", nullable = false, length = 36)
    private String projectId;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TokenType type;

    @Column(nullable = false)
    private String issuer;

    @Column(nullable = false, length = 64, unique = true)
    private String hash;

    @Column(name = "issue_date", nullable = false)
    private long issueDate;

    @Column(name = "valid_date", nullable = false)
    private long validDate;

    @Column(name = "last_used_date")
    private Long lastUsedDate;

    @Column(name = "last_used_ip", length = 64)
    private String lastUsedIp;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "token_brokers", joinColumns = @JoinColumn(name = "token_id"))
    @Column(name = "broker_id", length = 36)
    private Set<String> brokers = new TreeSet<>();

    protected ProjectToken() {
    }

    public ProjectToken(String projectId, String name, Role role, TokenType type, Collection<String> brokers,
                        String issuer, String hash, long issueDate, long validDate) {
        this.id = UUID.randomUUID().toString();
        this.projectId = projectId;
        this.name = name;
        this.role = role;
        this.type = type;
        this.brokers = new TreeSet<>(brokers);
        this.issuer = issuer;
        this.hash = hash;
        this.issueDate = issueDate;
        this.validDate = validDate;
    }

    public String id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public TokenType type() {
        return type;
    }

    public String hash() {
        return hash;
    }

    /** Who created it: {@code root}, a username, or {@code token:<name>}. */
    public String issuer() {
        return issuer;
    }

    public long issueDate() {
        return issueDate;
    }

    public long validDate() {
        return validDate;
    }

    public Long lastUsedDate() {
        return lastUsedDate;
    }

    /** The client address of the use that set {@link #lastUsedDate()}, or null. */
    public String lastUsedIp() {
        return lastUsedIp;
    }

    public Set<String> brokers() {
        return Set.copyOf(brokers);
    }

    /** Expired once {@code valid_date} is reached: {@code valid_date <= now}. */
    public boolean isExpired(long now) {
        return validDate <= now;
    }
}
