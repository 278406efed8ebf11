package io.tollgate.tokens.boundary;

import io.tollgate.access.control.ProjectRoles;
import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.brokers.boundary.Brokers;
import io.tollgate.errors.Conflict;
import io.tollgate.errors.Forbidden;
import io.tollgate.errors.InvalidField;
import io.tollgate.errors.NotFound;
import io.tollgate.projects.boundary.Projects;
import io.tollgate.storage.control.Constraints;
import io.tollgate.tokens.control.TokenSecrets;
import io.tollgate.tokens.control.ValidDates;
import io.tollgate.tokens.entity.ProjectToken;
import io.tollgate.tokens.entity.TokenRequest;
import io.tollgate.tokens.entity.TokenUse;
import io.tollgate.tokens.entity.TokensChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
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
 * carries a higher role than its creator and never outlives it. The secret leaves only in the
 * returned JSON.
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
    TokenMetrics metrics;

    @Inject
    TokenUsage usage;

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
        String secret = TokenSecrets.mint();
        ProjectToken token = new ProjectToken(projectId, request.name(), request.role(), request.type(),
                request.brokers(), creator.issuer(), TokenSecrets.hash(secret), now.toEpochMilli(), validDate);
        Constraints.persist(em, token, () -> new Conflict("name", "a token named '" + request.name()
                + "' already exists in this project, or one of its brokers was just deleted"));
        metrics.created();
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
        int deleted = em.createQuery("DELETE FROM ProjectToken t WHERE t.id = :id AND t.projectId = :project")
                .setParameter("id", tokenId)
                .setParameter("project", projectId)
                .executeUpdate();
        projects.requireDeleted(deleted, projectId,
                () -> new NotFound("no token with id " + tokenId + " in this project"));
        tokensChanged.fire(new TokensChanged(tokenId));
        metrics.deleted();
    }

    /** The token's usage log, newest first: uses before {@code before} (exclusive), at most {@code limit}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TokenUse> usage(String projectId, String tokenId, long before, int limit) {
        projects.require(projectId);
        ProjectToken token = em.find(ProjectToken.class, tokenId);
        if (token == null || !token.projectId().equals(projectId)) {
            throw new NotFound("no token with id " + tokenId + " in this project");
        }
        return usage.page(tokenId, before, limit);
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
