package io.tollgate.brokers.boundary;

import io.tollgate.time.Now;
import io.tollgate.access.entity.Caller;
import io.tollgate.audit.boundary.AuditTrail;
import io.tollgate.audit.entity.AuditAction;
import io.tollgate.brokers.entity.Broker;
import io.tollgate.brokers.entity.BrokerDeleted;
import io.tollgate.brokers.entity.BrokerHookKeyReplaced;
import io.tollgate.brokers.entity.BrokerUrl;
import io.tollgate.errors.NotFound;
import io.tollgate.json.JsonBuilders;
import io.tollgate.projects.boundary.Projects;
import io.tollgate.storage.control.Constraints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Transaction boundary for a project's broker connections. */
@ApplicationScoped
@Transactional
public class Brokers {

    @Inject
    Now clock;

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    Projects projects;

    @Inject
    Event<BrokerDeleted> brokerDeleted;

    @Inject
    Event<BrokerHookKeyReplaced> hookKeyReplaced;

    @Inject
    AuditTrail audit;

    public Broker create(String projectId, String name, BrokerUrl url) {
        projects.lock(projectId);
        Broker broker = new Broker(projectId, name, url, clock.millis());
        // the only constraint a new broker can break is its project's foreign key: the project is gone
        Constraints.persist(em, broker, () -> new NotFound("no project with id " + projectId));
        audit.action(AuditAction.BROKER_CREATE).project(projectId).target(broker.id(), name)
                .details(JsonBuilders.object().add("url", url.value()).build()).record();
        return broker;
    }

    /** The project's brokers as far as the caller may see them: a restricted token sees its own. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Broker> visibleTo(Caller caller, String projectId) {
        projects.require(projectId);
        List<Broker> all = em.createNamedQuery(Broker.OF_PROJECT, Broker.class)
                .setParameter("project", projectId)
                .getResultList();
        if (!caller.isRestricted()) {
            return all;
        }
        Set<String> own = caller.brokers();
        return all.stream().filter(broker -> own.contains(broker.id())).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Broker require(String projectId, String brokerId) {
        Broker broker = em.find(Broker.class, brokerId);
        if (broker == null || !broker.projectId().equals(projectId)) {
            projects.require(projectId);
            throw new NotFound("no broker with id " + brokerId + " in this project");
        }
        return broker;
    }

    public Broker update(String projectId, String brokerId, String name, BrokerUrl url) {
        Broker broker = require(projectId, brokerId);
        JsonObjectBuilder changed = JsonBuilders.object();
        if (!broker.name().equals(name)) {
            changed.add("name", change(broker.name(), name));
        }
        if (!broker.url().equals(url.value())) {
            changed.add("url", change(broker.url(), url.value()));
        }
        broker.update(name, url);
        // deleted meanwhile: 404 now, not a failed commit (Hibernate on WildFly)
        Constraints.flush(em, () -> new NotFound("no broker with id " + brokerId + " in this project"));
        JsonObject changes = changed.build();
        if (changes.isEmpty()) {
            return broker; // nothing changed: no event
        }
        audit.action(AuditAction.BROKER_UPDATE).project(projectId).target(brokerId, name)
                .details(JsonBuilders.object().add("changed", changes).build()).record();
        return broker;
    }

    /** Deletes a broker; the database removes it from every token's {@code brokers}. */
    public void delete(String projectId, String brokerId) {
        Broker gone = em.find(Broker.class, brokerId);
        int deleted = em.createQuery("DELETE FROM Broker b WHERE b.id = :id AND b.projectId = :project")
                .setParameter("id", brokerId)
                .setParameter("project", projectId)
                .executeUpdate();
        projects.requireDeleted(deleted, projectId,
                () -> new NotFound("no broker with id " + brokerId + " in this project"));
        brokerDeleted.fire(new BrokerDeleted(projectId, brokerId));
        audit.action(AuditAction.BROKER_DELETE).project(projectId).target(brokerId, gone == null ? null : gone.name())
                .record();
    }

    /**
     * Gives the broker the hook key hashed to {@code hash} (spec section 9), replacing any key it had in
     * the same commit, audited as {@code broker.hook_key} (no key or hash in the event).
     */
    public Broker replaceHookKey(String projectId, String brokerId, String hash) {
        // locked: of two replacements at once, the one answered last is the key that works
        Broker broker = em.find(Broker.class, brokerId, LockModeType.PESSIMISTIC_WRITE);
        if (broker == null || !broker.projectId().equals(projectId)) {
            require(projectId, brokerId);
            throw new NotFound("no broker with id " + brokerId + " in this project");
        }
        boolean replaced = broker.hookKeyCreatedDate() != null;
        broker.replaceHookKey(hash, clock.millis());
        // deleted meanwhile: 404 now, not a failed commit
        Constraints.flush(em, () -> new NotFound("no broker with id " + brokerId + " in this project"));
        hookKeyReplaced.fire(new BrokerHookKeyReplaced(projectId, brokerId));
        audit.action(AuditAction.BROKER_HOOK_KEY).project(projectId).target(brokerId, broker.name())
                .details(JsonBuilders.object().add("replaced", replaced).build()).record();
        return broker;
    }

    /** The broker whose hook key hashes to {@code hash}, or null: one lookup by a unique index. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Broker byHookKey(String hash) {
        List<Broker> found = em.createNamedQuery(Broker.BY_HOOK_KEY, Broker.class)
                .setParameter("hash", hash)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private static JsonObject change(String from, String to) {
        return JsonBuilders.object().add("from", from).add("to", to).build();
    }

    /**
     * The ids among {@code ids} that are not brokers of the project. The others stay locked until the
     * caller's transaction ends, so that a concurrent delete cannot leave a token naming a broker
     * that is gone (H2 does not lock a parent row for a foreign key check).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> unknownIn(String projectId, Collection<String> ids) {
        Set<String> unknown = new HashSet<>(ids);
        if (!ids.isEmpty()) {
            em.createNamedQuery(Broker.IN_PROJECT, Broker.class)
                    .setParameter("project", projectId)
                    .setParameter("ids", ids)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList()
                    .forEach(broker -> unknown.remove(broker.id()));
        }
        return unknown;
    }
}
