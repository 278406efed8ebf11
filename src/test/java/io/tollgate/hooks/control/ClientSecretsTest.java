package io.tollgate.hooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The node's memory of MQTT clients that connected with a previous secret during its grace. */
class ClientSecretsTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long ENDS = NOW + 1000;
    private static final String HASH = "ab".repeat(32);
    private static final ClientSecrets.Secret HELD = new ClientSecrets.Secret(HASH, ENDS);

    private final AtomicLong ticks = new AtomicLong();
    private final ClientSecrets clients = new ClientSecrets(100, () -> NOW, ticks::get);

    @Test
    void aClientIsRememberedPerBrokerClientAndTokenWithTheSecretOfItsLastConnect() {
        assertNull(clients.secret("b1", "c1", "t1"), "nothing remembered");
        clients.connected("b1", "c1", "t1", HASH, ENDS);
        assertEquals(HELD, clients.secret("b1", "c1", "t1"));
        assertNull(clients.secret("b2", "c1", "t1"), "another broker");
        assertNull(clients.secret("b1", "c2", "t1"), "another client");
        assertNull(clients.secret("b1", "c1", "t2"), "another token");
        ClientSecrets.Secret current = new ClientSecrets.Secret("cd".repeat(32), Long.MAX_VALUE);
        clients.connected("b1", "c2", "t1", current.hash(), current.ends());
        assertEquals(HELD, clients.secret("b1", "c1", "t1"), "another client's connect changes nothing");
        assertEquals(current, clients.secret("b1", "c2", "t1"), "a current secret is remembered too, with no end");
        clients.connected("b1", "c1", "t1", current.hash(), current.ends());
        assertEquals(current, clients.secret("b1", "c1", "t1"), "the same client's next connect replaces its secret");
    }

    @Test
    void aClientWithoutIdSharesOneEntryPerToken() {
        clients.connected("b1", null, "t1", HASH, ENDS);
        assertEquals(HELD, clients.secret("b1", null, "t1"));
        assertNull(clients.secret("b1", "c1", "t1"));
    }

    @Test
    void anEntryLivesUntilALingerAfterItsGraceEnds() {
        clients.connected("b1", "c1", "t1", HASH, ENDS);
        ticks.set(Duration.ofMillis(1000).plus(ClientSecrets.LINGER).toNanos() - 1);
        clients.connected("b1", "c2", "t1", HASH, ENDS); // remembered later: lives that much longer
        ticks.set(Duration.ofMillis(1000).plus(ClientSecrets.LINGER).toNanos());
        assertNull(clients.secret("b1", "c1", "t1"));
        assertEquals(HELD, clients.secret("b1", "c2", "t1"));
    }

    @Test
    void aClientThatKeepsAskingAfterItsGraceStaysRemembered() {
        clients.connected("b1", "c1", "t1", HASH, ENDS);
        long linger = ClientSecrets.LINGER.toNanos();
        long graceEnd = Duration.ofMillis(1000).toNanos();
        ticks.set(graceEnd + linger / 2);
        assertEquals(HELD, clients.secret("b1", "c1", "t1"));
        ticks.set(graceEnd + linger / 2 + linger - 1);
        assertEquals(HELD, clients.secret("b1", "c1", "t1"), "each check past the grace keeps it a linger longer");
        ticks.set(graceEnd + linger / 2 + 2 * linger);
        assertNull(clients.secret("b1", "c1", "t1"), "a linger after its last check");
    }

    @Test
    void theMemoryIsBounded() {
        ClientSecrets small = new ClientSecrets(10, () -> NOW, ticks::get);
        for (int i = 0; i < 1000; i++) {
            small.connected("b1", "c" + i, "t1", HASH, ENDS);
        }
        int remembered = 0;
        for (int i = 0; i < 1000; i++) {
            remembered += small.secret("b1", "c" + i, "t1") == null ? 0 : 1;
        }
        assertTrue(remembered <= 10, remembered + " remembered");
    }
}
