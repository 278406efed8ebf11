package io.tollgate.brokers.entity;

import io.tollgate.json.JsonBuilders;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

/** A connection to one MQTT broker, owned by a project. */
@Entity
@Table(name = "brokers")
@NamedQuery(name = Broker.OF_PROJECT,
        query = "SELECT b FROM Broker b WHERE b.projectId = :project ORDER BY b.createdDate, b.id")
@NamedQuery(name = Broker.IN_PROJECT,
        query = "SELECT b FROM Broker b WHERE b.projectId = :project AND b.id IN :ids")
@NamedQuery(name = Broker.BY_HOOK_KEY, query = "SELECT b FROM Broker b WHERE b.hookKeyHash = :hash")
public class Broker {

    public static final String OF_PROJECT = "Broker.ofProject";
    public static final String IN_PROJECT = "Broker.inProject";
    public static final String BY_HOOK_KEY = "Broker.byHookKey";
    public static final int MAX_NAME = 64;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "project_id", nullable = false, length = 36)
    private String projectId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false, length = BrokerUrl.MAX_LENGTH)
    private String url;

    @Column(name = "created_date", nullable = false)
    private long createdDate;

    /** The SHA-256 hex of the broker's hook key (spec section 9), or null; never shown. */
    @Column(name = "hook_key_hash", length = 64)
    private String hookKeyHash;

    @Column(name = "hook_key_created_date")
    private Long hookKeyCreatedDate;

    protected Broker() {
    }

    public Broker(String projectId, String name, BrokerUrl url, long createdDate) {
        this.id = UUID.randomUUID().toString();
        this.projectId = projectId;
        this.name = name;
        this.url = url.value();
        this.createdDate = createdDate;
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

    public String url() {
        return url;
    }

    /** When the current hook key was created, or null if the broker has none. */
    public Long hookKeyCreatedDate() {
        return hookKeyCreatedDate;
    }

    /** Replaces the hook key by the one hashed to {@code hash}: the old one names this broker no more. */
    public void replaceHookKey(String hash, long now) {
        this.hookKeyHash = hash;
        this.hookKeyCreatedDate = now;
    }

    public void update(String name, BrokerUrl url) {
        this.name = name;
        this.url = url.value();
    }

    public JsonObject toJson() {
        return JsonBuilders.object()
                .add("id", id)
                .add("project_id", projectId)
                .add("name", name)
                .add("url", url)
                .add("created_date", createdDate)
                .add("hook_key_created_date", hookKeyCreatedDate == null ? JsonValue.NULL : JsonBuilders.number(hookKeyCreatedDate))
                .build();
    }
}
