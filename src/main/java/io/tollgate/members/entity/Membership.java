package io.tollgate.members.entity;

import io.tollgate.json.JsonBuilders;
import io.tollgate.access.entity.Role;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A person's role in one project. */
@Entity
@Table(name = "memberships")
@IdClass(Membership.Key.class)
@NamedQuery(name = Membership.OF_PROJECT,
        query = "SELECT m FROM Membership m WHERE m.projectId = :project ORDER BY m.username")
@NamedQuery(name = Membership.OF_USER,
        query = "SELECT m FROM Membership m WHERE m.username = :username ORDER BY m.projectId")
@NamedQuery(name = Membership.ROLE,
        query = "SELECT m.role FROM Membership m WHERE m.projectId = :project AND m.username = :username")
public class Membership {

    public static final String OF_PROJECT = "Membership.ofProject";
    public static final String OF_USER = "Membership.ofUser";
    public static final String ROLE = "Membership.role";

    @Id
    @Column(name = "project_id", length = 36)
    private String projectId;

    @Id
    @Column(length = 64)
    private String username;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "created_date", nullable = false)
    private long createdDate;

    protected Membership() {
    }

    public Membership(String projectId, String username, Role role, long createdDate) {
        this.projectId = projectId;
        this.username = username;
        this.role = role;
        this.createdDate = createdDate;
    }

    public Role role() {
        return role;
    }

    public void changeRole(Role newRole) {
        this.role = newRole;
    }

    public JsonObject toJson() {
        return JsonBuilders.object()
                .add("project_id", projectId)
                .add("username", username)
                .add("role", role.id())
                .build();
    }

    /** The membership as the person who holds it sees it ({@code whoami}): {@code {project_id, role}}. */
    public JsonObject toHolderJson() {
        return JsonBuilders.object()
                .add("project_id", projectId)
                .add("role", role.id())
                .build();
    }

    /** The composite key: project and username. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String projectId;
        public String username;

        public Key() {
        }

        public Key(String projectId, String username) {
            this.projectId = projectId;
            this.username = username;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && java.util.Objects.equals(projectId, key.projectId)
                    && java.util.Objects.equals(username, key.username);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(projectId, username);
        }
    }
}
