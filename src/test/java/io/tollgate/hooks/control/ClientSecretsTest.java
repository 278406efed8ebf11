package io.tollgate.hooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.hooks.entity.ConnectedClient;
import io.tollgate.tokens.control.TokenCache;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Which secret each MQTT client connected with: rows shared by the nodes, each node's bounded cache in
 * front of them, following its token cache's invalidations.
 */
class ClientSecretsTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long ENDS = NOW + 1000;
    private static final String HASH = "ab".repeat(32);
    private static final ClientSecrets.Secret HELD = new ClientSecrets.Secret(HASH, ENDS);
    private static final ClientSecrets.Secret CURRENT = new ClientSecrets.Secret("cd".repeat(32), Long.MAX_VALUE);

    private final MemoryRows rows = new MemoryRows();
    private final TokenCache tokensA = node();
    private final TokenCache tokensB = node();
    private final ClientSecrets clients = new ClientSecrets(100, tokensA, rows);
    private final ClientSecrets onB = new ClientSecrets(100, tokensB, rows);

    private TokenCache node() {
        TokenCache cache = new TokenCache(100);
        rows.nodes.add(cache);
        return cache;
    }

    private static void connect(ClientSecrets node, String client, String token, ClientSecrets.Secret secret) {
        node.connected("b1", client, token, secret.hash(), secret.ends(), NOW);
    }

    @Test
    void aClientIsRememberedPerBrokerClientAndTokenWithTheSecretOfItsLastConnect() {
        assertNull(clients.secret("b1", "c1", "t1"), "nothing remembered");
        connect(clients, "c1", "t1", HELD);
        assertEquals(HELD, clients.secret("b1", "c1", "t1"));
        assertNull(clients.secret("b2", "c1", "t1"), "another broker");
        assertNull(clients.secret("b1", "c2", "t1"), "another client");
        assertNull(clients.secret("b1", "c1", "t2"), "another token");
        connect(clients, "c2", "t1", CURRENT);
        assertEquals(HELD, clients.secret("b1", "c1", "t1"), "another client's connect changes nothing");
        assertEquals(CURRENT, clients.secret("b1", "c2", "t1"), "a current secret is remembered too, with no end");
        connect(clients, "c1", "t1", CURRENT);
        assertEquals(CURRENT, clients.secret("b1", "c1", "t1"), "the same client's next connect replaces its secret");
    }

    @Test
    void aClientWithoutIdSharesOneRowPerToken() {
        connect(clients, null, "t1", HELD);
        assertEquals(HELD, clients.secret("b1", null, "t1"));
        assertEquals(HELD, onB.secret("b1", null, "t1"));
        assertNull(clients.secret("b1", "c1", "t1"));
    }

    @Test
    void anotherNodeReadsTheRowOfAClientThatConnectedHere() {
        connect(clients, "c1", "t1", HELD);
        assertEquals(HELD, onB.secret("b1", "c1", "t1"));
    }

    @Test
    void aRepeatedConnectWithTheSecretThisNodeKnowsWritesNothing() {
        connect(clients, "c1", "t1", CURRENT);
        connect(clients, "c1", "t1", CURRENT);
        connect(clients, "c1", "t1", CURRENT);
        assertEquals(1, rows.writes.get());
        assertEquals(CURRENT, clients.secret("b1", "c1", "t1"));
        assertEquals(0, rows.reads.get(), "what this node wrote, it serves");
        connect(clients, "c1", "t1", HELD);
        assertEquals(2, rows.writes.get(), "another secret is written");
    }

    @Test
    void aClientWithoutRowIsReadOncePerNodeNotPerCheck() {
        for (int i = 0; i < 5; i++) {
            assertNull(clients.secret("b1", "c1", "t1"));
        }
        assertEquals(1, rows.reads.get(), "the absence of a row is cached too");
    }

    /** The cluster's gap: B remembered no row (or the old one); A's connect changed the row; B follows. */
    @Test
    void aConnectElsewhereThatChangesWhatAClientHoldsReachesTheOtherNodesCache() {
        assertNull(onB.secret("b1", "c1", "t1"), "B knows the client has no row");
        connect(clients, "c1", "t1", HELD);
        assertEquals(HELD, onB.secret("b1", "c1", "t1"), "a new row naming a previous secret: B reads it again");

        connect(clients, "c1", "t1", CURRENT);
        assertEquals(CURRENT, onB.secret("b1", "c1", "t1"), "another secret: B reads it again");

        connect(clients, "c2", "t1", CURRENT);
        int reads = rows.reads.get();
        assertEquals(CURRENT, onB.secret("b1", "c1", "t1"), "a new row with the current secret leaves B's entries");
        assertEquals(reads, rows.reads.get());
    }

    @Test
    void everyInvalidationOfItsTokenDropsAClientsEntryAndOfEverythingAll() {
        connect(clients, "c1", "t1", CURRENT);
        connect(clients, "c2", "t2", CURRENT);
        tokensA.invalidate("t1");
        assertEquals(1, clients.size(), "t2's client stays");
        assertEquals(CURRENT, clients.secret("b1", "c1", "t1"), "read again from its row");
        tokensA.invalidateAll();
        assertEquals(0, clients.size());
        tokensA.distrust();
        assertEquals(CURRENT, clients.secret("b1", "c2", "t2"));
        assertEquals(0, clients.size(), "nothing is kept while the token cache is distrusted");
        int reads = rows.reads.get();
        clients.secret("b1", "c2", "t2");
        assertEquals(reads + 1, rows.reads.get(), "nor served");
    }

    @Test
    void aReadThatRacedAnInvalidationIsNotKept() {
        AtomicLong invalidations = new AtomicLong();
        ClientSecrets.Store racing = new ClientSecrets.Store() {
            @Override
            public ClientSecrets.Secret read(String brokerId, String clientKey, String tokenId) {
                invalidations.incrementAndGet();
                tokensA.invalidate(tokenId); // the row changed on another node while this node read it
                return HELD;
            }

            @Override
            public void connected(String brokerId, String clientKey, String tokenId, ClientSecrets.Secret secret,
                                  long now) {
            }
        };
        ClientSecrets node = new ClientSecrets(100, tokensA, racing);
        assertEquals(HELD, node.secret("b1", "c1", "t1"));
        assertEquals(HELD, node.secret("b1", "c1", "t1"));
        assertEquals(2, invalidations.get(), "read twice: the raced read was not kept");
        assertEquals(0, node.size());
    }

    @Test
    void aRowAnotherNodeInsertedAtTheSameMomentIsWrittenAgainOnce() {
        rows.concurrentInserts.set(1);
        connect(clients, "c1", "t1", HELD);
        assertEquals(HELD, onB.secret("b1", "c1", "t1"));
        rows.concurrentInserts.set(2);
        int writes = rows.writes.get();
        connect(clients, "c2", "t1", HELD); // a violation again: the token or broker went meanwhile
        assertEquals(writes, rows.writes.get(), "written at most twice, and then given up without failing the connect");
        assertNull(clients.secret("b1", "c2", "t1"), "nothing remembered");
    }

    @Test
    void aFailureOtherThanAConstraintFailsTheConnect() {
        ClientSecrets.Store down = new ClientSecrets.Store() {
            @Override
            public ClientSecrets.Secret read(String brokerId, String clientKey, String tokenId) {
                return null;
            }

            @Override
            public void connected(String brokerId, String clientKey, String tokenId, ClientSecrets.Secret secret, long now) {
                throw new IllegalStateException("database unreachable");
            }
        };
        ClientSecrets node = new ClientSecrets(100, tokensA, down);
        assertThrows(IllegalStateException.class, () -> connect(node, "c1", "t1", HELD), "no connect is allowed unrecorded");
    }

    @Test
    void theCacheIsBoundedTheRowsAreNot() {
        ClientSecrets small = new ClientSecrets(10, tokensA, rows);
        for (int i = 0; i < 1000; i++) {
            connect(small, "c" + i, "t1", HELD);
        }
        assertTrue(small.size() <= 10, small.size() + " cached");
        for (int i = 0; i < 1000; i++) {
            assertEquals(HELD, small.secret("b1", "c" + i, "t1"));
        }
    }

    @Test
    void aClientIdIsItsRowsKeyUnlessItIsTooLongForTheColumn() {
        assertEquals("", ClientSecrets.clientKey(null));
        assertEquals("device-1", ClientSecrets.clientKey("device-1"));
        String fits = "x".repeat(ConnectedClient.CLIENT_ID_LENGTH);
        assertEquals(fits, ClientSecrets.clientKey(fits));
        String longer = fits + "a";
        String other = fits + "b";
        assertEquals(ConnectedClient.CLIENT_ID_LENGTH, ClientSecrets.clientKey(longer).length());
        assertNotEquals(ClientSecrets.clientKey(longer), ClientSecrets.clientKey(other), "never one row for two long ids");
        assertEquals(ClientSecrets.clientKey(longer), ClientSecrets.clientKey(fits + "a"), "the same id, the same row");
        assertTrue(ClientSecrets.clientKey("a\0b").indexOf('\0') < 0, "no NUL reaches PostgreSQL");
        String emoji = "x".repeat(ConnectedClient.CLIENT_ID_LENGTH - 66) + "\uD83D\uDE00" + "y".repeat(100);
        String key = ClientSecrets.clientKey(emoji);
        assertTrue(key.length() <= ConnectedClient.CLIENT_ID_LENGTH);
        assertTrue(!Character.isHighSurrogate(key.charAt(key.indexOf('~') - 1)), "never half a character");
        connect(clients, longer, "t1", HELD);
        assertEquals(HELD, onB.secret("b1", longer, "t1"));
        assertNull(onB.secret("b1", other, "t1"));
    }
}
