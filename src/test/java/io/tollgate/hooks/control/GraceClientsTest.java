package io.tollgate.hooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The node's memory of MQTT clients that connected with a previous secret during its grace. */
class GraceClientsTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long ENDS = NOW + 1000;
    private static final String HASH = "ab".repeat(32);
    private static final GraceClients.Secret HELD = new GraceClients.Secret(HASH, ENDS);

    private final AtomicLong ticks = new AtomicLong();
    private final GraceClients clients = new GraceClients(100, () -> NOW, ticks::get);

    @Test
    void aClientIsRememberedPerBrokerClientAndTokenUntilItConnectsWithTheCurrentSecret() {
        assertNull(clients.secret("b1", "c1", "t1"), "nothing remembered");
        clients.connected("b1", "c1", "t1", HASH, ENDS);
        assertEquals(HELD, clients.secret("b1", "c1", "t1"));
        assertNull(clients.secret("b2", "c1", "t1"), "another broker");
        assertNull(clients.secret("b1", "c2", "t1"), "another client");
        assertNull(clients.secret("b1", "c1", "t2"), "another token");
        clients.connected("b1", "c2", "t1", null, 0);
        assertEquals(HELD, clients.secret("b1", "c1", "t1"), "a current-secret connect of another client forgets nothing");
        clients.connected("b1", "c1", "t1", null, 0);
        assertNull(clients.secret("b1", "c1", "t1"), "the same client with the current secret");
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
        ticks.set(Duration.ofMillis(1000).plus(GraceClients.LINGER).toNanos() - 1);
        clients.connected("b1", "c2", "t1", HASH, ENDS); // remembered later: lives that much longer
        ticks.set(Duration.ofMillis(1000).plus(GraceClients.LINGER).toNanos());
        assertNull(clients.secret("b1", "c1", "t1"));
        assertEquals(HELD, clients.secret("b1", "c2", "t1"));
    }

    @Test
    void aClientThatKeepsAskingAfterItsGraceStaysRemembered() {
        clients.connected("b1", "c1", "t1", HASH, ENDS);
        long linger = GraceClients.LINGER.toNanos();
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
        GraceClients small = new GraceClients(10, () -> NOW, ticks::get);
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
