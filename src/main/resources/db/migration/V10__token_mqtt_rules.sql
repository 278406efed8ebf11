-- MQTT topic rules of project tokens (spec section 9): the ordered rules as compact JSON, in the shape
-- the API reads and writes ({"effect":…,"action":…,"filter":…,"qos":[…],"retain":…}). NULL means the
-- role's default rules, computed when read, so every token created before this migration keeps them.
-- At most 64 rules of at most 256 characters each: 131072 leaves room for JSON escapes.
-- Portable between H2 2.x and PostgreSQL. Version 10, not 8: 8 is the usage log's Java migration
-- (usage.boundary.UsageRowsToChunks), and 9 is left to the brokers' hook-key columns.

ALTER TABLE project_tokens ADD COLUMN mqtt_rules VARCHAR(131072);
