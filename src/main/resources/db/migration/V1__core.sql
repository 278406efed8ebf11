-- Tollgate core schema: projects, brokers, project tokens and the root credential.
-- Portable between H2 2.x and PostgreSQL; every uniqueness rule of the API is a constraint here.

CREATE TABLE root_credential (
    id           VARCHAR(16) PRIMARY KEY,
    hash         VARCHAR(64) NOT NULL,
    created_date BIGINT      NOT NULL
);

CREATE TABLE projects (
    id           VARCHAR(36)  PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    created_date BIGINT       NOT NULL,
    CONSTRAINT uq_projects_name UNIQUE (name)
);

CREATE TABLE brokers (
    id           VARCHAR(36)   PRIMARY KEY,
    project_id   VARCHAR(36)   NOT NULL,
    name         VARCHAR(255)  NOT NULL,
    url          VARCHAR(2048) NOT NULL,
    created_date BIGINT        NOT NULL,
    CONSTRAINT fk_brokers_project FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE
);
CREATE INDEX ix_brokers_project ON brokers (project_id, created_date);

CREATE TABLE project_tokens (
    id             VARCHAR(36)  PRIMARY KEY,
    project_id     VARCHAR(36)  NOT NULL,
    name           VARCHAR(255) NOT NULL,
    role           VARCHAR(16)  NOT NULL,
    type           VARCHAR(16)  NOT NULL,
    issuer         VARCHAR(255) NOT NULL,
    hash           VARCHAR(64)  NOT NULL,
    issue_date     BIGINT       NOT NULL,
    valid_date     BIGINT       NOT NULL,
    last_used_date BIGINT,
    CONSTRAINT uq_tokens_hash UNIQUE (hash),
    CONSTRAINT uq_tokens_project_name UNIQUE (project_id, name),
    CONSTRAINT fk_tokens_project FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE
);
CREATE INDEX ix_tokens_project_issue ON project_tokens (project_id, issue_date);

CREATE TABLE token_brokers (
    token_id  VARCHAR(36) NOT NULL,
    broker_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (token_id, broker_id),
    CONSTRAINT fk_token_brokers_token FOREIGN KEY (token_id) REFERENCES project_tokens (id) ON DELETE CASCADE,
    CONSTRAINT fk_token_brokers_broker FOREIGN KEY (broker_id) REFERENCES brokers (id) ON DELETE CASCADE
);
CREATE INDEX ix_token_brokers_broker ON token_brokers (broker_id);
