package io.tollgate.hooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * Which secret an MQTT client connected with (table {@code mqtt_clients}, spec section 9): per broker,
 * client id and token, that secret's SHA-256 hex and its end as of the connect (null: it was the
 * current secret). The database's copy, shared by the nodes; {@code control.ClientSecrets} caches it.
 * Never the secret itself.
 */
@Entity
@Table(name = "mqtt_clients")
@IdClass(ConnectedClient.Key.class)
@NamedQuery(name = ConnectedClient.COUNT_OF_TOKEN,
        query = "SELECT COUNT(c) FROM ConnectedClient c WHERE c.tokenId = :token")
@NamedQuery(name = ConnectedClient.OLDEST_OF_TOKEN,
        query = "SELECT c FROM ConnectedClient c WHERE c.tokenId = :token ORDER BY c.connectedDate, c.brokerId, c.clientId")
@NamedQuery(name = ConnectedClient.FORGET,
        query = "DELETE FROM ConnectedClient c WHERE c.brokerId = :broker AND c.clientId = :client AND c.tokenId = :token")
public class ConnectedClient {

    public static final String COUNT_OF_TOKEN = "ConnectedClient.countOfToken";
    public static final String OLDEST_OF_TOKEN = "ConnectedClient.oldestOfToken";
    public static final String FORGET = "ConnectedClient.forget";
    /** The column's length: longer client ids are stored shortened ({@code control.ClientSecrets#clientKey}). */
    public static final int CLIENT_ID_LENGTH = 256;

    @Id
    @Column(name = "broker_id", length = 36)
    private String brokerId;

    @Id
    @Column(name = "client_id", length = CLIENT_ID_LENGTH)
    private String clientId;

    @Id
    @Column(name = "token_id", length = 36)
    private String tokenId;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "secret_ends")
    private Long secretEnds;

    @Column(name = "connected_date", nullable = false)
    private long connectedDate;

    protected ConnectedClient() {
    }

    public ConnectedClient(String brokerId, String clientId, String tokenId, String secretHash, Long secretEnds,
                           long connectedDate) {
        this.brokerId = brokerId;
        this.clientId = clientId;
        this.tokenId = tokenId;
        this.secretHash = secretHash;
        this.secretEnds = secretEnds;
        this.connectedDate = connectedDate;
    }

    public String brokerId() {
        return brokerId;
    }

    public String clientId() {
        return clientId;
    }

    public String tokenId() {
        return tokenId;
    }

    public String secretHash() {
        return secretHash;
    }

    /** When the secret ends as of the connect; null for a secret that was the current one. */
    public Long secretEnds() {
        return secretEnds;
    }

    /** A later connect of the same client with this secret. */
    public void connected(String hash, Long ends, long now) {
        this.secretHash = hash;
        this.secretEnds = ends;
        this.connectedDate = now;
    }

    /** The composite key: broker, client id (as stored) and token. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String brokerId;
        public String clientId;
        public String tokenId;

        public Key() {
        }

        public Key(String brokerId, String clientId, String tokenId) {
            this.brokerId = brokerId;
            this.clientId = clientId;
            this.tokenId = tokenId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(brokerId, key.brokerId)
                    && Objects.equals(clientId, key.clientId) && Objects.equals(tokenId, key.tokenId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(brokerId, clientId, tokenId);
        }
    }
}
