package io.tollgate.projects.entity;

import io.tollgate.json.JsonBuilders;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

/** A team's project: the unit that holds brokers, tokens and members. */
@Entity
@Table(name = "projects")
@NamedQuery(name = Project.ALL, query = "SELECT p FROM Project p ORDER BY p.createdDate, p.id")
@NamedQuery(name = Project.OF_MEMBER, query = "SELECT p FROM Project p WHERE p.id IN "
        + "(SELECT m.projectId FROM Membership m WHERE m.username = :username) ORDER BY p.createdDate, p.id")
@NamedQuery(name = Project.BY_NAME, query = "SELECT COUNT(p) FROM Project p WHERE p.name = :name")
public class Project {

    public static final String ALL = "Project.all";
    public static final String BY_NAME = "Project.countByName";
    public static final String OF_MEMBER = "Project.ofMember";
    public static final int MAX_NAME = 64;

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_date", nullable = false)
    private long createdDate;

    protected Project() {
    }

    public Project(String name, long createdDate) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.createdDate = createdDate;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public JsonObject toJson() {
        return JsonBuilders.object()
                .add("id", id)
                .add("name", name)
                .add("created_date", createdDate)
                .build();
    }
}
