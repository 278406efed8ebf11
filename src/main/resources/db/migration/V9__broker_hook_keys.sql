-- Hook keys of brokers (spec section 9): the SHA-256 hex of the broker's current key (the key itself is
-- shown once and never stored) and when it was created. NULL: the broker has no key. One key names one
-- broker (the unique index is also the lookup of every hook request); a replacement overwrites the row,
-- so the old key stops naming anything in the same commit, and the key goes with its broker's row.
-- Portable between H2 2.x and PostgreSQL (both allow many NULLs under a unique index).

ALTER TABLE brokers ADD COLUMN hook_key_hash VARCHAR(64);
ALTER TABLE brokers ADD COLUMN hook_key_created_date BIGINT;
CREATE UNIQUE INDEX ux_brokers_hook_key ON brokers (hook_key_hash);
