package io.tollgate.root.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one root credential, kept as the SHA-256 hex of its value like every token. */
@Entity
@Table(name = "root_credential")
public class RootCredential {

    public static final String ID = "root";

    @Id
    @Column(length = 16)
    private String id;

    @Column(nullable = false, length = 64)
    private String hash;

    @Column(name = "created_date", nullable = false)
    private long createdDate;

    protected RootCredential() {
    }

    public RootCredential(String hash, long createdDate) {
        this.id = ID;
        this.hash = hash;
        this.createdDate = createdDate;
    }

    public String hash() {
        return hash;
    }

    public void replace(String newHash, long now) {
        this.hash = newHash;
        this.createdDate = now;
    }
}
