package io.tollgate.tokens.entity;

import io.tollgate.access.entity.Role;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.mqtt.entity.MqttRulesJson;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A project token as stored: never its secret, only the SHA-256 {@code hash} of it. It knows whether
 * it has expired and which brokers it may act on.
 */
@Entity
@Table(name = "project_tokens")
// the lists read in (issue_date, id) order, from after the token with (:afterDate, :afterId), or from the
// first with LIST_START_DATE and LIST_START_ID: a page read after a token is unaffected by tokens created
// or deleted meanwhile (none twice, none that is still there left out)
@NamedQuery(name = ProjectToken.OF_PROJECT,
        query = "SELECT t FROM ProjectToken t WHERE t.projectId = :project "
                + "AND (t.issueDate > :afterDate OR (t.issueDate = :afterDate AND t.id > :afterId)) "
                + "ORDER BY t.issueDate, t.id",
        // every listed token's brokers in one more query, not one per token; listed tokens are only
        // written out, so no working copy is cloned for change tracking (EclipseLink hints, ignored elsewhere)
        hints = {@QueryHint(name = "eclipselink.batch", value = "t.brokers"),
                 @QueryHint(name = "eclipselink.batch.type", value = "IN"),
                 @QueryHint(name = "eclipselink.read-only", value = "true")})
@NamedQuery(name = ProjectToken.BY_HASH, query = "SELECT t FROM ProjectToken t WHERE t.hash = :hash")
@NamedQuery(name = ProjectToken.BY_ID, query = "SELECT t FROM ProjectToken t WHERE t.id = :id AND t.projectId = :project")
@NamedQuery(name = ProjectToken.COUNT_OF_PROJECT,
        query = "SELECT COUNT(t) FROM ProjectToken t WHERE t.projectId = :project")
@NamedQuery(name = ProjectToken.COUNT_NAME,
        query = "SELECT COUNT(t) FROM ProjectToken t WHERE t.projectId = :project AND t.name = :name")
@NamedQuery(name = ProjectToken.SUSPENDED_OF_PROJECT, query = "SELECT t FROM ProjectToken t "
        + "WHERE t.projectId = :project AND t.suspendedDate IS NOT NULL "
        + "AND (t.issueDate > :afterDate OR (t.issueDate = :afterDate AND t.id > :afterId)) "
        + "ORDER BY t.issueDate, t.id",
        hints = {@QueryHint(name = "eclipselink.batch", value = "t.brokers"),
                 @QueryHint(name = "eclipselink.batch.type", value = "IN"),
                 @QueryHint(name = "eclipselink.read-only", value = "true")})
@NamedQuery(name = ProjectToken.ACTIVE_OF_PROJECT_ENDING, query = "SELECT t FROM ProjectToken t "
        + "WHERE t.projectId = :project AND t.suspendedDate IS NULL AND t.validDate > :after "
        + "AND t.validDate <= :until "
        + "AND (t.issueDate > :afterDate OR (t.issueDate = :afterDate AND t.id > :afterId)) "
        + "ORDER BY t.issueDate, t.id",
        hints = {@QueryHint(name = "eclipselink.batch", value = "t.brokers"),
                 @QueryHint(name = "eclipselink.batch.type", value = "IN"),
                 @QueryHint(name = "eclipselink.read-only", value = "true")})
@NamedQuery(name = ProjectToken.LEAKED, query = "SELECT t FROM ProjectToken t WHERE t.suspendedDate IS NULL "
        + "AND (t.hash IN :hashes OR t.id IN (SELECT r.tokenId FROM RetiredSecret r "
        + "WHERE r.hash IN :hashes AND r.reason = 'rotated'))")
@NamedQuery(name = ProjectToken.SUSPEND, query = "UPDATE ProjectToken t SET t.suspendedDate = :now, "
        + "t.suspendReason = :reason WHERE t.id IN :ids AND t.suspendedDate IS NULL")
public class ProjectToken {

    public static final String OF_PROJECT = "ProjectToken.ofProject";
    public static final String BY_HASH = "ProjectToken.byHash";
    public static final String BY_ID = "ProjectToken.byId";
    public static final String COUNT_NAME = "ProjectToken.countName";
    public static final String COUNT_OF_PROJECT = "ProjectToken.countOfProject";
    public static final String SUSPENDED_OF_PROJECT = "ProjectToken.suspendedOfProject";
    public static final String ACTIVE_OF_PROJECT_ENDING = "ProjectToken.activeOfProjectEnding";
    public static final String LEAKED = "ProjectToken.leaked";
    public static final String SUSPEND = "ProjectToken.suspend";
    /** {@code :afterDate} of a list read from its first token. */
    public static final long LIST_START_DATE = Long.MIN_VALUE;
    /** {@code :afterId} of a list read from its first token. */
    public static final String LIST_START_ID = "";
    public static final int MAX_SUSPEND_REASON = 200;
    public static final int MAX_NAME = 30;
    /** At most this many blocks in {@code allowed_ips} (spec section 6). */
    public static final int MAX_ALLOWED_IPS = 32;
    /** The size of the {@code mqtt_rules} column: 64 rules of 256 characters, with room for JSON escapes. */
    static final int MAX_MQTT_RULES_TEXT = 131_072;

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

    @Column(name = "suspended_date")
    private Long suspendedDate;

    @Column(name = "suspend_reason", length = 2048)
    private String suspendReason;

    @Column(name = "rotated_date")
    private Long rotatedDate;

    @Column(name = "previous_valid_until")
    private Long previousValidUntil;

    @Column(name = "last_used_ip", length = 64)
    private String lastUsedIp;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "token_brokers", joinColumns = @JoinColumn(name = "token_id"))
    @Column(name = "broker_id", length = 36)
    private Set<String> brokers = new TreeSet<>();

    /** Canonical CIDR blocks separated by a space; empty: usable from any address. */
    @Column(name = "allowed_ips", nullable = false, length = 2000)
    private String allowedIps = "";

    /** The MQTT topic rules as compact JSON ({@code MqttRulesJson}); null: its role's default rules. */
    @Column(name = "mqtt_rules", length = MAX_MQTT_RULES_TEXT)
    private String mqttRules;

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

    /** The canonical CIDR blocks it may be used from, in order; empty: any address. */
    public List<String> allowedIps() {
        return allowedIps == null || allowedIps.isEmpty() ? List.of() : List.of(allowedIps.split(" "));
    }

    /** Replaces the blocks it may be used from, given in canonical form (already parsed and checked). */
    public void allowFrom(List<String> blocks) {
        if (blocks.size() > MAX_ALLOWED_IPS) {
            throw new IllegalArgumentException("at most " + MAX_ALLOWED_IPS + " blocks");
        }
        this.allowedIps = String.join(" ", blocks);
    }

    /**
     * The MQTT topic rules it is held to at a broker (spec section 9): those set on it, else its role's
     * default ({@link MqttRules#defaultFor}).
     */
    public MqttRules mqttRules() {
        return mqttRules == null ? MqttRules.defaultFor(role) : MqttRulesJson.parse(mqttRules);
    }

    /** Replaces its MQTT topic rules (already read and checked); null: its role's default from now on. */
    public void limitTopics(MqttRules rules) {
        if (rules == null) {
            this.mqttRules = null;
            return;
        }
        String text = MqttRulesJson.text(rules);
        if (text.length() > MAX_MQTT_RULES_TEXT) {
            throw new IllegalArgumentException("mqtt_rules too long to store: " + text.length() + " characters");
        }
        this.mqttRules = text;
    }

    /** A new name, already normalised and validated; uniqueness is the database's and the boundary's. */
    public void rename(String name) {
        this.name = name;
    }

    /** Expired once {@code valid_date} is reached: {@code valid_date <= now}. */
    public boolean isExpired(long now) {
        return validDate <= now;
    }

    public Long suspendedDate() {
        return suspendedDate;
    }

    public String suspendReason() {
        return suspendReason;
    }

    public Long rotatedDate() {
        return rotatedDate;
    }

    /** Until when the secret before the last rotation works; null when it was rotated without grace. */
    public Long previousValidUntil() {
        return previousValidUntil;
    }

    public TokenStatus status(long now) {
        return TokenStatus.of(suspendedDate, validDate, now);
    }

    /**
     * Replaces the secret: {@code newHash} becomes the current one; the one it replaces works until
     * {@code previousValidUntil} (null: not at all). Suspension is left as it is.
     */
    public void rotate(String newHash, long now, Long previousValidUntil, long newValidDate) {
        this.hash = newHash;
        this.rotatedDate = now;
        this.previousValidUntil = previousValidUntil;
        this.validDate = newValidDate;
    }

    /** Suspends the token; false (and nothing changed: first date and reason kept) if it already is. */
    public boolean suspend(long now, String reason) {
        if (suspendedDate != null) {
            return false;
        }
        suspendedDate = now;
        suspendReason = reason;
        return true;
    }

    /** Lifts a suspension; false (nothing changed) if the token was not suspended. */
    public boolean resume() {
        if (suspendedDate == null) {
            return false;
        }
        suspendedDate = null;
        suspendReason = null;
        return true;
    }
}
