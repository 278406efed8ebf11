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
import io.tollgate.errors.NotFound;
import io.tollgate.json.JsonBuilders;
import io.tollgate.net.CidrList;
import io.tollgate.projects.boundary.Projects;
import io.tollgate.storage.control.Constraints;
import io.tollgate.tokens.control.IpAllowLists;
import io.tollgate.tokens.control.TokenSecrets;
import io.tollgate.tokens.control.ValidDates;
import io.tollgate.tokens.entity.ProjectToken;
import io.tollgate.tokens.entity.TokenPatch;
import io.tollgate.tokens.entity.TokenRequest;
import io.tollgate.tokens.entity.TokensChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
    @ConfigProperty(name = "tollgate.tokens.default-lifetime", defaultValue = "P30D")
    Duration defaultLifetime;

    @Inject
    @ConfigProperty(name = "tollgate.tokens.max-lifetime", defaultValue = "P365D")
    Duration maxLifetime;

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
        return TokenJson.of(token, secret, now.toEpochMilli());
    }

    /** The project's tokens ordered by issue date, without secrets. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProjectToken> list(String projectId, Integer limit, Integer offset) {
        projects.require(projectId);
        TypedQuery<ProjectToken> query = em.createNamedQuery(ProjectToken.OF_PROJECT, ProjectToken.class)
                .setParameter("project", projectId);
        if (offset != null) {
            query.setFirstResult(offset);
        }
        if (limit != null) {
            query.setMaxResults(limit);
        }
        return query.getResultList();
    }

    /** Deletes a token; it stops working as soon as this transaction commits. */
    public void delete(String projectId, String tokenId) {
        ProjectToken gone = em.find(ProjectToken.class, tokenId);
        int deleted = em.createQuery("DELETE FROM ProjectToken t WHERE t.id = :id AND t.projectId = :project")
                .setParameter("id", tokenId)
                .setParameter("project", projectId)
                .executeUpdate();
        projects.requireDeleted(deleted, projectId,
                () -> new NotFound("no token with id " + tokenId + " in this project"));
        tokensChanged.fire(new TokensChanged(tokenId));
        audit.action(AuditAction.TOKEN_DELETE).project(projectId).target(tokenId, gone == null ? null : gone.name())
                .record();
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
