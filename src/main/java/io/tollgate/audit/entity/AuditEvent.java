package io.tollgate.audit.entity;

import io.tollgate.json.JsonBuilders;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of the audit trail: who ({@code actor}) did what ({@code action}) to which thing, from
 * which address, when. Written once, never changed. {@code details} is a JSON object of what the
 * change was (a role, the fields an update changed), never a secret, a hash or a password.
 */
@Entity
@Table(name = "audit_events")
@NamedQuery(name = AuditEvent.ALL_BEFORE, query = "SELECT e FROM AuditEvent e WHERE e.at < :before "
        + "ORDER BY e.at DESC, e.id DESC")
@NamedQuery(name = AuditEvent.OF_PROJECT_BEFORE, query = "SELECT e FROM AuditEvent e "
        + "WHERE e.projectId = :project AND e.at < :before ORDER BY e.at DESC, e.id DESC")
@NamedQuery(name = AuditEvent.COUNT_OF_PROJECT, query = "SELECT COUNT(e) FROM AuditEvent e WHERE e.projectId = :project")
public class AuditEvent {

    public static final String ALL_BEFORE = "AuditEvent.allBefore";
    public static final String OF_PROJECT_BEFORE = "AuditEvent.ofProjectBefore";
    public static final String COUNT_OF_PROJECT = "AuditEvent.countOfProject";
    /** Longest stored {@code details} text; longer details are cut to a marker (see {@link #AuditEvent}). */
    public static final int MAX_DETAILS = 8000;
    private static final int MAX_TEXT = 255;
    /** One factory: {@code Json.createReader} looks the JSON-P provider up on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false)
    private long at;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false, length = 32)
    private String action;

    @Column(name = "project_id", length = 36)
    private String projectId;

    @Column(name = "target_id")
    private String targetId;

    @Column(name = "target_name")
    private String targetName;

    @Column(length = 64)
    private String ip;

    @Column(nullable = false, length = MAX_DETAILS)
    private String details;

    protected AuditEvent() {
    }

    public AuditEvent(long at, String actor, String action, String projectId, String targetId, String targetName,
                      String ip, JsonObject details) {
        this.id = UUID.randomUUID().toString();
        this.at = at;
        this.actor = cut(Objects.requireNonNull(actor, "actor"));
        this.action = Objects.requireNonNull(action, "action");
        this.projectId = projectId;
        this.targetId = cut(targetId);
        this.targetName = cut(targetName);
        this.ip = ip == null || ip.length() > 64 ? null : ip;
        String text = (details == null ? JsonValue.EMPTY_JSON_OBJECT : details).toString();
        // an event is never refused for its size: a change must not fail because its description is long
        this.details = text.length() <= MAX_DETAILS ? text : "{\"truncated\":true}";
    }

    public String id() {
        return id;
    }

    public long at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String projectId() {
        return projectId;
    }

    /** The wire shape of spec section 7. */
    public JsonObject toJson() {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("at", at)
                .add("actor", actor)
                .add("action", action);
        nullable(json, "project_id", projectId);
        nullable(json, "target_id", targetId);
        nullable(json, "target_name", targetName);
        nullable(json, "ip", ip);
        return json.add("details", READERS.createReader(new StringReader(details)).readObject()).build();
    }

    private static void nullable(JsonObjectBuilder json, String key, String value) {
        if (value == null) {
            json.addNull(key);
        } else {
            json.add(key, value);
        }
    }

    private static String cut(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
        return text.substring(0, end);
    }
}
