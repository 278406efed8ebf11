package io.tollgate.tokens.boundary;

import io.tollgate.time.Now;
import io.tollgate.access.entity.Caller;
import io.tollgate.audit.boundary.AuditTrail;
import io.tollgate.audit.entity.AuditAction;
import io.tollgate.audit.entity.AuditEvent;
import io.tollgate.errors.Forbidden;
import io.tollgate.errors.InvalidField;
import io.tollgate.errors.NotFound;
import io.tollgate.json.JsonBuilders;
import io.tollgate.mqtt.entity.MqttRules;
import io.tollgate.mqtt.entity.MqttRulesJson;
import io.tollgate.net.CidrList;
import io.tollgate.projects.boundary.Projects;
import io.tollgate.storage.control.Constraints;
import io.tollgate.tokens.control.CallerLimits;
import io.tollgate.tokens.control.Grace;
import io.tollgate.tokens.control.IpAllowLists;
import io.tollgate.tokens.control.MqttRuleLimits;
import io.tollgate.tokens.control.TokenSecrets;
import io.tollgate.tokens.control.ValidDates;
import io.tollgate.tokens.entity.ProjectToken;
import io.tollgate.tokens.entity.RetiredSecret;
import io.tollgate.tokens.entity.TokensChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Transaction boundary for one token's life after its creation (spec sections 6 and 9): edit (name,
 * {@code allowed_ips}, {@code mqtt_rules}), rotate, suspend, resume, and the suspension of leaked tokens.
 * Each change locks the token's row, fires {@code TokensChanged} (every node drops the cached lookups
 * once it commits) and is audited. Create, list and delete are {@link Tokens}'.
 */
@ApplicationScoped
@Transactional
public class TokenLifecycle {

    @Inject
    Now clock;

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    Projects projects;

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

    /**
     * Renames a token and/or replaces its {@code allowed_ips} (spec section 6, Edit) and/or its
     * {@code mqtt_rules} (section 9: only the caller's own when those do not grant everything); the cached
     * lookups of it are dropped on every node once this commits, so a narrowed list or rule set applies to
     * the next request or broker check.
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
        MqttRules oldRules = token.mqttRules();
        CidrList requested = patch.allowedBlocks();
        MqttRules requestedRules = patch.rules();
        if (requestedRules != null) {
            // read before any change: the caller may be this very token
            MqttRules callerRules = Tokens.mqttRulesOf(em, caller);
            token.limitTopics(MqttRuleLimits.forPatch(requestedRules, callerRules));
        }
        if (requested != null) {
            token.allowFrom(IpAllowLists.forPatch(requested, caller.allowedIps()).texts());
        }
        if (patch.name() != null && !patch.name().equals(token.name())) {
            if (Tokens.nameTaken(em, projectId, patch.name())) {
                throw Tokens.taken(patch.name());
            }
            token.rename(patch.name());
        }
        Constraints.flush(em, () -> Tokens.taken(patch.name()));
        tokensChanged.fire(new TokensChanged(tokenId));
        JsonObjectBuilder changed = JsonBuilders.object();
        if (!oldName.equals(token.name())) {
            changed.add("name", JsonBuilders.object().add("from", oldName).add("to", token.name()));
        }
        if (!oldIps.equals(token.allowedIps())) {
            changed.add("allowed_ips", JsonBuilders.object()
                    .add("from", JsonBuilders.array(oldIps)).add("to", JsonBuilders.array(token.allowedIps())));
        }
        if (!oldRules.equals(token.mqttRules())) {
            changed.add("mqtt_rules", JsonBuilders.object().add("from", audited(oldRules))
                    .add("to", audited(token.mqttRules())));
        }
        JsonObject changes = changed.build();
        if (!changes.isEmpty()) {
            audit.action(AuditAction.TOKEN_UPDATE).by(caller).project(projectId).target(token.id(), token.name())
                    .details(JsonBuilders.object().add("changed", changes).build())
                    .record();
        }
        return TokenJson.of(token, clock.millis());
    }

    /**
     * Rules as the audit trail records them: the rules themselves, or, when they would crowd the rest of
     * the event out of its {@link AuditEvent#MAX_DETAILS} characters, how many there are.
     */
    static JsonValue audited(MqttRules rules) {
        JsonArray json = MqttRulesJson.write(rules);
        if (json.toString().length() <= AuditEvent.MAX_DETAILS / 3) {
            return json;
        }
        return JsonBuilders.object().add("rules", rules.rules().size()).add("truncated", true).build();
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
        Instant now = clock.instant();
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
        if (!self && !CallerLimits.cover(caller, Tokens.mqttRulesOf(em, caller), token, validDate)) {
            throw new Forbidden("rotating this token would hand this credential a secret beyond its own limits: "
                    + "the token (or the valid_date given) ends after this credential, works from addresses "
                    + "this credential may not use, or has other mqtt_rules", Forbidden.ESCALATION);
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
        long now = clock.millis();
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
        long now = clock.millis();
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
                .setParameter("now", clock.millis())
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
}
