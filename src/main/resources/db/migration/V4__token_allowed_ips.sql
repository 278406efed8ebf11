-- IP allow-lists of project tokens (spec section 6): the canonical CIDR blocks a token may be used
-- from, separated by a space (at most 32 of at most 43 characters each). Empty means any address, so
-- every token created before this migration keeps working from everywhere.
-- Portable between H2 2.x and PostgreSQL.

ALTER TABLE project_tokens ADD COLUMN allowed_ips VARCHAR(2000) DEFAULT '' NOT NULL;
