-- Audit trail (spec section 7): one row per change, written in the change's own transaction.
-- No foreign keys on purpose: an event outlives the project, token or user it names (the deletion
-- of a project is itself an event root must still be able to read).
-- Portable between H2 2.x and PostgreSQL.

CREATE TABLE audit_events (
    id          VARCHAR(36)   PRIMARY KEY,
    at          BIGINT        NOT NULL,
    actor       VARCHAR(255)  NOT NULL,
    action      VARCHAR(32)   NOT NULL,
    project_id  VARCHAR(36),
    target_id   VARCHAR(255),
    target_name VARCHAR(255),
    ip          VARCHAR(64),
    details     VARCHAR(8000) NOT NULL
);
-- GET /api/audit (newest first, paged by "before") and the retention job's "older than" scan
CREATE INDEX ix_audit_events_at ON audit_events (at, id);
-- GET /api/projects/{projectId}/audit
CREATE INDEX ix_audit_events_project_at ON audit_events (project_id, at, id);
