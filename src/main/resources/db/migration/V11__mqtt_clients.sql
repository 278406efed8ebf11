-- Which secret each MQTT client connected with (spec section 9), shared by every node: a publish or
-- subscribe check names only the token, and this row tells any node which of the token's secrets the
-- client behind it holds, so that the end of that secret (a grace over, a rotation after the connect)
-- refuses it wherever its checks go. One row per broker, client id and token: the secret's SHA-256 hex
-- (never the secret), its end as of the connect (NULL: the then current secret, no end yet) and the
-- time of the connect that last wrote the row (a node writes only what it does not already know; the
-- oldest rows beyond tollgate.mqtt.clients-per-token of a token are dropped first). client_id is '' for a contract that reports none,
-- and an id longer than the column is stored as its start and its SHA-256 hex (hooks.control.ClientSecrets).
-- The rows go with their token or broker (ON DELETE CASCADE: both are deleted by one statement).
-- Portable between H2 2.x and PostgreSQL.

CREATE TABLE mqtt_clients (
    broker_id      VARCHAR(36)  NOT NULL,
    client_id      VARCHAR(256) NOT NULL,
    token_id       VARCHAR(36)  NOT NULL,
    secret_hash    VARCHAR(64)  NOT NULL,
    secret_ends    BIGINT,
    connected_date BIGINT       NOT NULL,
    PRIMARY KEY (broker_id, client_id, token_id),
    CONSTRAINT fk_mqtt_clients_broker FOREIGN KEY (broker_id) REFERENCES brokers (id) ON DELETE CASCADE,
    CONSTRAINT fk_mqtt_clients_token FOREIGN KEY (token_id) REFERENCES project_tokens (id) ON DELETE CASCADE
);
-- a token's rows: the cap's count and its oldest first
CREATE INDEX ix_mqtt_clients_token ON mqtt_clients (token_id, connected_date);
