package io.tollgate.users.entity;

import io.tollgate.json.JsonBuilders;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A person who logs in with a password. Only the slow salted hash of the password is kept. */
@Entity
@Table(name = "users")
@NamedQuery(name = User.ALL, query = "SELECT u FROM User u ORDER BY u.username")
public class User {

    public static final String ALL = "User.all";
    public static final int MIN_PASSWORD = 12;
    public static final int MAX_PASSWORD = 1024;

    @Id
    @Column(length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "created_date", nullable = false)
    private long createdDate;

    protected User() {
    }

    public User(String username, String passwordHash, long createdDate) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.createdDate = createdDate;
    }

    public String username() {
        return username;
    }

    public long createdDate() {
        return createdDate;
    }

    public String passwordHash() {
        return passwordHash;
    }

    /** Never the password hash. */
    public JsonObject toJson() {
        return JsonBuilders.object()
                .add("username", username)
                .add("created_date", createdDate)
                .build();
    }
}
