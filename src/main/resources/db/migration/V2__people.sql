-- People: users who log in with a password, and their memberships (a role per project).

CREATE TABLE users (
    username      VARCHAR(64)  PRIMARY KEY,
    password_hash VARCHAR(255) NOT NULL,
    created_date  BIGINT       NOT NULL
);

CREATE TABLE memberships (
    project_id   VARCHAR(36) NOT NULL,
    username     VARCHAR(64) NOT NULL,
    role         VARCHAR(16) NOT NULL,
    created_date BIGINT      NOT NULL,
    PRIMARY KEY (project_id, username),
    CONSTRAINT fk_memberships_project FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
    CONSTRAINT fk_memberships_user FOREIGN KEY (username) REFERENCES users (username) ON DELETE CASCADE
);
CREATE INDEX ix_memberships_user ON memberships (username);
