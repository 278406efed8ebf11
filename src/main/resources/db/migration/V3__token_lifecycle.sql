-- Token lifecycle (spec section 6): suspension, rotation with a grace window, and the remembered
-- hashes of secrets that no longer work (rotated out, or of deleted tokens) that let a 401 say why.
-- Existing tokens keep working: every new column is null, which reads as valid and never rotated.

ALTER TABLE project_tokens ADD COLUMN suspended_date BIGINT;
ALTER TABLE project_tokens ADD COLUMN suspend_reason VARCHAR(2048);
ALTER TABLE project_tokens ADD COLUMN rotated_date BIGINT;
ALTER TABLE project_tokens ADD COLUMN previous_valid_until BIGINT;

-- the status filters (?status=) read a project's tokens by suspension and end date
CREATE INDEX ix_tokens_project_suspended ON project_tokens (project_id, suspended_date);

-- no foreign key to project_tokens: the rows of deleted tokens are what is kept here
CREATE TABLE retired_token_secrets (
    hash       VARCHAR(64) PRIMARY KEY,
    token_id   VARCHAR(36) NOT NULL,
    reason     VARCHAR(16) NOT NULL,
    ended_date BIGINT      NOT NULL,
    CONSTRAINT ck_retired_reason CHECK (reason IN ('rotated', 'revoked'))
);
CREATE INDEX ix_retired_token ON retired_token_secrets (token_id);
CREATE INDEX ix_retired_ended ON retired_token_secrets (ended_date);
