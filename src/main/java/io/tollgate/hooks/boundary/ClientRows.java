package io.tollgate.hooks.boundary;

import io.tollgate.hooks.control.ClientSecrets;
import io.tollgate.hooks.entity.ConnectedClient;
import io.tollgate.tokens.entity.TokensChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Transaction boundary of the MQTT clients' secrets ({@code mqtt_clients}, {@link ConnectedClient}),
 * the database half of {@link ClientSecrets}: a read by primary key, and an upsert per connect that this
 * node did not know already.
 * <p>
 * <b>Telling the other nodes.</b> A node's cache of these rows follows its token cache, so a write that
 * may leave another node's entry stale fires {@link TokensChanged} for the token inside its transaction:
 * every node drops that token's cached lookups and clients after the commit (the PostgreSQL
 * notification), and reads them again at their next check. That is a row whose secret changed (the
 * client connected again with another secret: a stale entry would judge it by the old one), and a new
 * row that names a previous secret (a node that remembered no row would judge the client by the current
 * secret after that one's grace). A new row with the current secret needs nothing: no row is judged by
 * the current secret too, and a rotation fires its own event. Only the end changing (the same secret,
 * now in a grace) needs nothing either: a node judges by the secret's hash, through the token cache.
 * <p>
 * <b>Bounded per token.</b> A new row beyond {@code tollgate.mqtt.clients-per-token} (default 10000)
 * rows of its token drops that token's oldest rows (the connect that last wrote them is the oldest). A
 * client whose row was dropped is judged by the token's current secret until its next connect, as a
 * client with no row: if it holds a previous secret, its checks are no longer refused at that secret's
 * end. The cap keeps one token shared by countless client ids from growing the table without bound; a
 * token with that many clients should be several tokens.
 */
@ApplicationScoped
@Transactional
public class ClientRows implements ClientSecrets.Store {

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;

    @Inject
    Event<TokensChanged> tokensChanged;

    @Inject
    @ConfigProperty(name = "tollgate.mqtt.clients-per-token", defaultValue = "10000")
    int perToken;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public ClientSecrets.Secret read(String brokerId, String clientKey, String tokenId) {
        ConnectedClient row = em.find(ConnectedClient.class, new ConnectedClient.Key(brokerId, clientKey, tokenId));
        return row == null ? null : new ClientSecrets.Secret(row.secretHash(),
                row.secretEnds() == null ? Long.MAX_VALUE : row.secretEnds());
    }

    @Override
    public void connected(String brokerId, String clientKey, String tokenId, ClientSecrets.Secret secret, long now) {
        Long ends = secret.ends() == Long.MAX_VALUE ? null : secret.ends();
        ConnectedClient row = em.find(ConnectedClient.class, new ConnectedClient.Key(brokerId, clientKey, tokenId));
        if (row != null) {
            boolean otherSecret = !row.secretHash().equals(secret.hash());
            row.connected(secret.hash(), ends, now);
            if (otherSecret) {
                tokensChanged.fire(new TokensChanged(tokenId));
            }
            return;
        }
        em.persist(new ConnectedClient(brokerId, clientKey, tokenId, secret.hash(), ends, now));
        em.flush(); // another node's row of the same client fails here, for the caller to write again as an update
        if (ends != null) {
            tokensChanged.fire(new TokensChanged(tokenId));
        }
        dropBeyondCap(tokenId);
    }

    /** Drops the token's oldest rows beyond the cap (usually none, at most the one just made too many). */
    private void dropBeyondCap(String tokenId) {
        long rows = em.createNamedQuery(ConnectedClient.COUNT_OF_TOKEN, Long.class)
                .setParameter("token", tokenId)
                .getSingleResult();
        if (rows <= perToken) {
            return;
        }
        List<ConnectedClient> oldest = em.createNamedQuery(ConnectedClient.OLDEST_OF_TOKEN, ConnectedClient.class)
                .setParameter("token", tokenId)
                .setMaxResults((int) Math.min(Integer.MAX_VALUE, rows - Math.max(1, perToken)))
                .getResultList();
        for (ConnectedClient row : oldest) {
            // by statement, not em.remove: another node dropping the same row at once deletes nothing here
            em.createNamedQuery(ConnectedClient.FORGET)
                    .setParameter("broker", row.brokerId())
                    .setParameter("client", row.clientId())
                    .setParameter("token", tokenId)
                    .executeUpdate();
        }
    }
}
