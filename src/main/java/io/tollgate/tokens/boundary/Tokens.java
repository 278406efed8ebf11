package io.tollgate.tokens.boundary;

import io.tollgate.access.control.ProjectRoles;
import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.audit.boundary.AuditTrail;
import io.tollgate.audit.entity.AuditAction;
import io.tollgate.brokers.boundary.Brokers;
import io.tollgate.errors.Conflict;
import io.tollgate.errors.Forbidden;
import io.tollgate.errors.InvalidField;
import io.tollgate.errors.LimitReached;
import io.tollgate.errors.NotFound;
import io.tollgate.json.JsonBuilders;
import io.tollgate.net.CidrList;
import io.tollgate.projects.boundary.Projects;
import io.tollgate.projects.entity.ProjectDeleted;
import io.tollgate.storage.control.Constraints;
import io.tollgate.tokens.control.CallerLimits;
import io.tollgate.tokens.control.Grace;
import io.tollgate.tokens.control.IpAllowLists;
import io.tollgate.tokens.control.TokenSecrets;
import io.tollgate.tokens.control.ValidDates;
import io.tollgate.tokens.entity.ProjectToken;
import io.tollgate.tokens.entity.RetiredSecret;
import io.tollgate.tokens.entity.RotateBody;
import io.tollgate.tokens.entity.TokenPatch;
import io.tollgate.tokens.entity.TokenRequest;
import io.tollgate.tokens.entity.TokensChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Transaction boundary for project tokens. Creation enforces the no-escalation rules: a token never
 * carries a higher role than its creator, never outlives it, and is never usable from more addresses.
 * The secret leaves only in the returned JSON.
 */
@ApplicationScoped
@Transactional
public class Tokens {

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
        Instant now = Instant.now();
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
        String secret = TokenSecrets.mint();
        ProjectToken token = new ProjectToken(projectId, request.name(), request.role(), request.type(),
                request.brokers(), creator.issuer(), TokenSecrets.hash(secret), now.toEpochMilli(), validDate);
        token.allowFrom(allowedIps.texts());
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
        long now = System.currentTimeMillis();
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
     * Renames a token and/or replaces its {@code allowed_ips} (spec section 6, Edit); the cached lookups
     * of it are dropped on every node once this commits, so a narrowed list applies to the next request.
     * The row is locked first, so that an edit racing a delete or another edit waits for it.
     */
    public JsonObject update(String projectId, String tokenId, TokenPatch patch, Caller caller) {
        ProjectToken token = em.createNamedQuery(ProjectToken.BY_ID, ProjectToken.class)
                .setParameter("id", tokenId)
                .setParameter("project", projectId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
        if (token == null) {
            projects.require(projectId);
            throw new NotFound("no token with id " + tokenId + " in this project");
        }
        String oldName = token.name();
        List<String> oldIps = token.allowedIps();
        CidrList requested = patch.allowedBlocks();
        if (requested != null) {
            token.allowFrom(IpAllowLists.forPatch(requested, caller.allowedIps()).texts());
        }
        if (patch.name() != null && !patch.name().equals(token.name())) {
            if (nameTaken(projectId, patch.name())) {
                throw taken(patch.name());
            }
            token.rename(patch.name());
        }
        Constraints.flush(em, () -> taken(patch.name()));
        tokensChanged.fire(new TokensChanged(tokenId));
        JsonObjectBuilder changed = JsonBuilders.object();
        if (!oldName.equals(token.name())) {
            changed.add("name", JsonBuilders.object().add("from", oldName).add("to", token.name()));
        }
        if (!oldIps.equals(token.allowedIps())) {
            changed.add("allowed_ips", JsonBuilders.object()
                    .add("from", JsonBuilders.array(oldIps)).add("to", JsonBuilders.array(token.allowedIps())));
        }
        JsonObject changes = changed.build();
        if (!changes.isEmpty()) {
            audit.action(AuditAction.TOKEN_UPDATE).by(caller).project(projectId).target(token.id(), token.name())
                    .details(JsonBuilders.object().add("changed", changes).build())
                    .record();
        }
        return TokenJson.of(token, System.currentTimeMillis());
    }

    /**
     * A project's tokens go with it: remember their secrets as revoked before the rows go, in two
     * statements whatever the number of tokens (the event is fired before the project's delete).
     */
    void onProjectDeleted(@Observes ProjectDeleted deleted) {
        long now = System.currentTimeMillis();
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

    /**
     * Gives a token a new secret (spec section 6) and answers its JSON with that secret, the one time
     * it appears. The replaced secret works until the grace ends; any earlier replaced one ends now,
     * so that at most two secrets work. {@code caller} is an admin+ of the project or the token itself
     * (authorization decided that): a token may not move its own {@code valid_date} later (400), and a
     * caller may rotate another token only if it lies within the caller's own limits after the rotation
     * ({@link CallerLimits}: 403 {@code escalation}), since the new secret is handed to the caller.
     */
    public JsonObject rotate(String projectId, String tokenId, RotateBody body, Caller caller) {
        ProjectToken token = lockedToken(projectId, tokenId);
        Instant now = Instant.now();
        long nowMillis = now.toEpochMilli();
        boolean self = caller.kind() == Caller.Kind.TOKEN && tokenId.equals(caller.credentialId());
        long validDate;
        if (body.validDate() == null) {
            if (token.isExpired(nowMillis)) {
                throw new InvalidField("valid_date", "an expired token can be rotated only with a new valid_date");
            }
            validDate = token.validDate();
        } else {
            if (self && ValidDates.parse(body.validDate()) > token.validDate()) {
                throw new InvalidField("valid_date", "a token rotating itself may not move its valid_date later");
            }
            // the caller's own expiry bounds it below, with the rest of the caller's limits
            validDate = ValidDates.resolve(body.validDate(), now, defaultLifetime, maxLifetime, null);
        }
        if (!self && !CallerLimits.cover(caller, token, validDate)) {
            throw new Forbidden("rotating this token would hand this credential a secret beyond its own limits: "
                    + "the token (or the valid_date given) ends after this credential, or works from addresses "
                    + "this credential may not use", Forbidden.ESCALATION);
        }
        em.createNamedQuery(RetiredSecret.END_PREVIOUS)
                .setParameter("token", tokenId)
                .setParameter("now", nowMillis)
                .executeUpdate();
        em.persist(RetiredSecret.rotated(token.hash(), tokenId, Grace.end(nowMillis, body.grace())));
        String secret = TokenSecrets.mint();
        token.rotate(TokenSecrets.hash(secret), nowMillis, Grace.previousValidUntil(nowMillis, body.grace()), validDate);
        em.flush();
        tokensChanged.fire(new TokensChanged(tokenId));
        JsonObjectBuilder details = JsonBuilders.object().add("grace_seconds", body.grace()).add("valid_date", validDate);
        if (token.previousValidUntil() == null) {
            details.addNull("previous_valid_until");
        } else {
            details.add("previous_valid_until", token.previousValidUntil());
        }
        audit.action(AuditAction.TOKEN_ROTATE).by(caller).project(projectId).target(tokenId, token.name())
                .details(details.build()).record();
        metrics.rotated();
        return TokenJson.of(token, secret, nowMillis);
    }

    /** Suspends a token (every secret of it); suspending a suspended one changes nothing. */
    public JsonObject suspend(String projectId, String tokenId, String reason) {
        ProjectToken token = lockedToken(projectId, tokenId);
        long now = System.currentTimeMillis();
        if (token.suspend(now, reason)) {
            em.flush();
            tokensChanged.fire(new TokensChanged(tokenId));
            JsonObjectBuilder details = JsonBuilders.object();
            if (reason == null) {
                details.addNull("reason");
            } else {
                details.add("reason", reason);
            }
            audit.action(AuditAction.TOKEN_SUSPEND).project(projectId).target(tokenId, token.name())
                    .details(details.build()).record();
            metrics.suspended();
        }
        return TokenJson.of(token, now);
    }

    /** Lifts a suspension; resuming a token that is not suspended changes nothing. */
    public JsonObject resume(String projectId, String tokenId) {
        ProjectToken token = lockedToken(projectId, tokenId);
        long now = System.currentTimeMillis();
        if (token.resume()) {
            em.flush();
            tokensChanged.fire(new TokensChanged(tokenId));
            audit.action(AuditAction.TOKEN_RESUME).project(projectId).target(tokenId, token.name()).record();
            metrics.resumed();
        }
        return TokenJson.of(token, now);
    }

    /**
     * Suspends every token whose current or any previous secret has one of these hashes, unless it
     * already is suspended: one query to find them, one update, one invalidation per token.
     */
    public void suspendLeaked(Collection<String> hashes, String reason) {
        if (hashes.isEmpty()) {
            return;
        }
        // locked: a suspension racing this one waits, so that each token gets exactly one event
        List<ProjectToken> leaked = em.createNamedQuery(ProjectToken.LEAKED, ProjectToken.class)
                .setParameter("hashes", hashes)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (leaked.isEmpty()) {
            return;
        }
        List<String> ids = leaked.stream().map(ProjectToken::id).toList();
        em.createNamedQuery(ProjectToken.SUSPEND)
                .setParameter("now", System.currentTimeMillis())
                .setParameter("reason", reason)
                .setParameter("ids", ids)
                .executeUpdate();
        for (ProjectToken token : leaked) {
            metrics.suspended();
            audit.action(AuditAction.TOKEN_SUSPEND).actor(AuditTrail.LEAK_REPORT).project(token.projectId())
                    .target(token.id(), token.name()).details(JsonBuilders.object().add("reason", reason).build())
                    .record();
        }
        ids.forEach(id -> tokensChanged.fire(new TokensChanged(id)));
    }

    /** The token, row-locked until this transaction ends; 404 when it is not one of the project's. */
    private ProjectToken lockedToken(String projectId, String tokenId) {
        ProjectToken token = em.find(ProjectToken.class, tokenId, LockModeType.PESSIMISTIC_WRITE);
        if (token == null || !token.projectId().equals(projectId)) {
            projects.require(projectId);
            throw new NotFound("no token with id " + tokenId + " in this project");
        }
        return token;
    }

    private long count(String projectId) {
        return em.createNamedQuery(ProjectToken.COUNT_OF_PROJECT, Long.class)
                .setParameter("project", projectId)
                .getSingleResult();
    }

    private boolean nameTaken(String projectId, String name) {
        return em.createNamedQuery(ProjectToken.COUNT_NAME, Long.class)
                .setParameter("project", projectId)
                .setParameter("name", name)
                .getSingleResult() > 0;
    }

    private static Conflict taken(String name) {
        return new Conflict("name", "a token named '" + name + "' already exists in this project");
    }
}
