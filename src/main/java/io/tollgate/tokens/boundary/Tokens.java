package io.tollgate.tokens.boundary;

import io.tollgate.time.Now;
import io.tollgate.access.control.ProjectRoles;
import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Refusal;
import io.tollgate.access.entity.Role;
import io.tollgate.audit.boundary.AuditTrail;
import io.tollgate.audit.entity.AuditAction;
import io.tollgate.brokers.boundary.Brokers;
import io.tollgate.errors.Conflict;
import io.tollgate.errors.Forbidden;
import io.tollgate.errors.InvalidField;
import io.tollgate.errors.LimitReached;
import io.tollgate.errors.NotFound;
import io.tollgate.errors.Unauthorized;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.json.JsonBuilders;
import io.tollgate.net.CidrList;
import io.tollgate.projects.boundary.Projects;
import io.tollgate.projects.entity.ProjectDeleted;
import io.tollgate.storage.control.Constraints;
import io.tollgate.tokens.control.IpAllowLists;
import io.tollgate.tokens.control.MqttRuleLimits;
import io.tollgate.tokens.control.TokenSecrets;
import io.tollgate.tokens.control.ValidDates;
import io.tollgate.tokens.entity.ProjectToken;
import io.tollgate.tokens.entity.RetiredSecret;
import io.tollgate.tokens.entity.TokenRequest;
import io.tollgate.tokens.entity.TokensChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Transaction boundary for the project's set of tokens: create, list, delete (and the revoked secrets
 * a delete leaves). Creation enforces the no-escalation rules: a token never carries a higher role
 * than its creator, never outlives it, and is never usable from more addresses. The secret leaves
 * only in the returned JSON. What happens to one token during its life is {@link TokenLifecycle}'s.
 */
@ApplicationScoped
@Transactional
public class Tokens {

    @Inject
    Now clock;

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    Projects projects;

    @Inject
    Brokers brokers;

    @Inject
    ProjectRoles roles;

    @Inject
    Event<TokensChanged> tokensChanged;

    @Inject
    AuditTrail audit;

    @Inject
    TokenMetrics metrics;

    @Inject
    @ConfigProperty(name = "tollgate.tokens.default-lifetime", defaultValue = "P30D")
    Duration defaultLifetime;

    @Inject
    @ConfigProperty(name = "tollgate.tokens.max-lifetime", defaultValue = "P365D")
    Duration maxLifetime;

    @Inject
    @ConfigProperty(name = "tollgate.tokens.expiry-warning", defaultValue = "P7D")
    Duration expiryWarning;

    @Inject
    @ConfigProperty(name = "tollgate.tokens.revoked-retention", defaultValue = "P90D")
    Duration revokedRetention;

    @Inject
    @ConfigProperty(name = "tollgate.tokens.max-per-project", defaultValue = "10000")
    long maxPerProject;

    /** Creates a token and answers its JSON, the only place its secret ever appears. */
    public JsonObject create(String projectId, TokenRequest request, Caller creator) {
        // first of the locks (project, then brokers): a racing project delete waits or wins with a 404
        projects.lock(projectId);
        Role creatorRole = roles.of(creator, projectId);
        if (creatorRole == null || !creatorRole.atLeast(request.role())) {
            throw new Forbidden("a token cannot carry a higher role than its creator");
        }
        Instant now = clock.instant();
        long validDate = ValidDates.resolve(request.validDate(), now, defaultLifetime, maxLifetime,
                creator.validDate());
        // last of the checks: it locks the named brokers until this transaction ends
        Set<String> unknown = brokers.unknownIn(projectId, request.brokers());
        if (!unknown.isEmpty()) {
            throw new InvalidField("brokers",
                    "not brokers of this project: " + String.join(", ", unknown.stream().sorted().toList()));
        }
        if (nameTaken(projectId, request.name())) {
            throw taken(request.name());
        }
        // counted under the project's row lock, taken first: creates in one project run one at a time,
        // and each counts every token committed before it (read committed, on H2 and PostgreSQL alike)
        if (count(projectId) >= maxPerProject) {
            throw new LimitReached("token", maxPerProject, "this project already holds " + maxPerProject
                    + " tokens, the most allowed (tollgate.tokens.max-per-project): delete one first");
        }
        CidrList allowedIps = IpAllowLists.forNewToken(request.allowedIps(), creator.allowedIps());
        MqttRules mqttRules = MqttRuleLimits.forNewToken(request.mqttRules(), mqttRulesOf(em, creator));
        String secret = TokenSecrets.mint();
        ProjectToken token = new ProjectToken(projectId, request.name(), request.role(), request.type(),
                request.brokers(), creator.issuer(), TokenSecrets.hash(secret), now.toEpochMilli(), validDate);
        token.allowFrom(allowedIps.texts());
        token.limitTopics(mqttRules);
        Constraints.persist(em, token, () -> new Conflict("name", "a token named '" + request.name()
                + "' already exists in this project, or one of its brokers was just deleted"));
        JsonArrayBuilder brokerIds = JsonBuilders.array();
        token.brokers().stream().sorted().forEach(brokerIds::add);
        audit.action(AuditAction.TOKEN_CREATE).by(creator).project(projectId).target(token.id(), token.name())
                .details(JsonBuilders.object()
                        .add("role", token.role().id())
                        .add("type", token.type().id())
                        .add("brokers", brokerIds)
                        .add("valid_date", token.validDate())
                        .add("mqtt_rules", TokenLifecycle.audited(token.mqttRules()))
                        .build())
                .record();
        metrics.created();
        return TokenJson.of(token, secret, now.toEpochMilli());
    }

    /** The project's tokens ordered by issue date, without secrets. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProjectToken> list(String projectId, Integer limit, Integer offset) {
        return list(projectId, null, 0, limit, offset);
    }

    /**
     * The project's tokens of one status ({@code expiring}: valid and ending within
     * {@code tollgate.tokens.expiry-warning}), ordered by issue date (then id); a null status lists
     * them all. The project is looked up only when the page is empty (tokens exist only in an existing
     * project), so that a listing costs no query for a 404 it cannot give.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProjectToken> list(String projectId, StatusFilter status, long now, Integer limit, Integer offset) {
        TypedQuery<ProjectToken> query = query(projectId, status, now, null);
        if (offset != null) {
            query.setFirstResult(offset);
        }
        if (limit != null) {
            query.setMaxResults(limit);
        }
        List<ProjectToken> page = query.getResultList();
        if (page.isEmpty()) {
            projects.require(projectId);
        }
        return page;
    }

    /**
     * The next page of such a list: at most {@code size} tokens that follow {@code last} in its order,
     * those created or deleted since the list began notwithstanding; empty at the end, or when the
     * project is gone.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProjectToken> after(String projectId, StatusFilter status, long now, ProjectToken last, int size) {
        return query(projectId, status, now, last).setMaxResults(size).getResultList();
    }

    private TypedQuery<ProjectToken> query(String projectId, StatusFilter status, long now, ProjectToken last) {
        TypedQuery<ProjectToken> query;
        if (status == null) {
            query = em.createNamedQuery(ProjectToken.OF_PROJECT, ProjectToken.class);
        } else if (status == StatusFilter.SUSPENDED) {
            query = em.createNamedQuery(ProjectToken.SUSPENDED_OF_PROJECT, ProjectToken.class);
        } else {
            long after = status == StatusFilter.EXPIRED ? Long.MIN_VALUE : now;
            long until = switch (status) {
                case EXPIRED -> now;
                case EXPIRING -> now + expiryWarning.toMillis();
                default -> Long.MAX_VALUE;
            };
            query = em.createNamedQuery(ProjectToken.ACTIVE_OF_PROJECT_ENDING, ProjectToken.class)
                    .setParameter("after", after)
                    .setParameter("until", until);
        }
        return query.setParameter("project", projectId)
                .setParameter("afterDate", last == null ? ProjectToken.LIST_START_DATE : last.issueDate())
                .setParameter("afterId", last == null ? ProjectToken.LIST_START_ID : last.id());
    }

    /** The values of {@code ?status=}: the three statuses, and {@code expiring}. */
    public enum StatusFilter {
        VALID, EXPIRED, SUSPENDED, EXPIRING;

        /** The filter named {@code id}, or a 400 naming the field {@code status}. */
        public static StatusFilter of(String id) {
            for (StatusFilter filter : values()) {
                if (filter.name().toLowerCase(java.util.Locale.ROOT).equals(id)) {
                    return filter;
                }
            }
            throw new InvalidField("status", "status must be one of valid, expired, suspended, expiring");
        }
    }

    /** Deletes a token; it stops working as soon as this transaction commits. */
    public void delete(String projectId, String tokenId) {
        long now = clock.millis();
        // locked by a query, not em.find: Hibernate (WildFly) fails a locking find of a row another
        // delete removed while it waited with an OptimisticLockException (a 500); the query finds nothing
        ProjectToken token = em.createNamedQuery(ProjectToken.BY_ID, ProjectToken.class)
                .setParameter("id", tokenId)
                .setParameter("project", projectId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
        if (token != null) {
            rememberRevoked(token, now);
        }
        int deleted = em.createQuery("DELETE FROM ProjectToken t WHERE t.id = :id AND t.projectId = :project")
                .setParameter("id", tokenId)
                .setParameter("project", projectId)
                .executeUpdate();
        projects.requireDeleted(deleted, projectId,
                () -> new NotFound("no token with id " + tokenId + " in this project"));
        tokensChanged.fire(new TokensChanged(tokenId));
        audit.action(AuditAction.TOKEN_DELETE).project(projectId).target(tokenId, token == null ? null : token.name())
                .record();
        metrics.deleted();
    }

    /** A 404 unless the project exists and holds this token (what the usage log checks before a page). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void requireToken(String projectId, String tokenId) {
        projects.require(projectId);
        ProjectToken token = em.find(ProjectToken.class, tokenId);
        if (token == null || !token.projectId().equals(projectId)) {
            throw new NotFound("no token with id " + tokenId + " in this project");
        }
    }

    /**
     * A project's tokens go with it: remember their secrets as revoked before the rows go, in two
     * statements whatever the number of tokens (the event is fired before the project's delete).
     */
    void onProjectDeleted(@Observes ProjectDeleted deleted) {
        long now = clock.millis();
        em.createNamedQuery(RetiredSecret.REVOKE_PROJECT).setParameter("project", deleted.projectId()).executeUpdate();
        em.createNativeQuery("INSERT INTO retired_token_secrets (hash, token_id, reason, ended_date) "
                        + "SELECT hash, id, 'revoked', ? FROM project_tokens WHERE project_id = ?")
                .setParameter(1, now)
                .setParameter(2, deleted.projectId())
                .executeUpdate();
        forgetOld(now);
    }

    /**
     * Keeps the hashes of a deleted token, current and previous secrets alike, so that they are
     * refused as {@code revoked} for {@code tollgate.tokens.revoked-retention}.
     */
    private void rememberRevoked(ProjectToken token, long now) {
        em.createNamedQuery(RetiredSecret.REVOKE_TOKEN).setParameter("token", token.id()).executeUpdate();
        em.persist(RetiredSecret.revoked(token.hash(), token.id(), now));
        forgetOld(now);
    }

    /** Forgets what ended before the retention window, in one indexed delete: the table stays that small. */
    private void forgetOld(long now) {
        em.createNamedQuery(RetiredSecret.FORGET_BEFORE)
                .setParameter("cutoff", now - revokedRetention.toMillis())
                .executeUpdate();
    }

    private long count(String projectId) {
        return em.createNamedQuery(ProjectToken.COUNT_OF_PROJECT, Long.class)
                .setParameter("project", projectId)
                .getSingleResult();
    }

    private boolean nameTaken(String projectId, String name) {
        return nameTaken(em, projectId, name);
    }

    /** Whether another token of the project has this name (create and rename alike). */
    static boolean nameTaken(EntityManager em, String projectId, String name) {
        return em.createNamedQuery(ProjectToken.COUNT_NAME, Long.class)
                .setParameter("project", projectId)
                .setParameter("name", name)
                .getSingleResult() > 0;
    }

    /**
     * The MQTT rules that bound what {@code caller} may hand out (spec section 9): a token's own, read here
     * (one query, on the writes that need it, rather than on every request); null for root and people.
     * A token deleted since it was authenticated can hand out nothing: 401 {@code revoked}.
     */
    static MqttRules mqttRulesOf(EntityManager em, Caller caller) {
        if (caller.kind() != Caller.Kind.TOKEN) {
            return null;
        }
        ProjectToken own = em.find(ProjectToken.class, caller.credentialId());
        if (own == null) {
            throw new Unauthorized("the token making this request was deleted", Refusal.Reason.REVOKED.id());
        }
        return own.mqttRules();
    }

    static Conflict taken(String name) {
        return new Conflict("name", "a token named '" + name + "' already exists in this project");
    }
}
