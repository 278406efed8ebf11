package io.tollgate.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LastUsesTest {

    private final LastUses uses = new LastUses();

    @Test
    void aReportedAddressLongerThanTheColumnIsCutSoThatNoFlushFailsOnIt() {
        uses.offer("t1", 1_000, "x".repeat(5_000));
        assertEquals("x".repeat(LastUses.MAX_IP), uses.pending("t1").ip());
        uses.offer("t2", 1_000, "192.0.2.7");
        assertEquals("192.0.2.7", uses.pending("t2").ip());
        uses.offer("t3", 1_000, null);
        assertNull(uses.pending("t3").ip());
    }

    @Test
    void theNewestUseOfATokenWinsAndLeavesOnlyOnceWritten() {
        uses.offer("t1", 2_000, "192.0.2.2");
        uses.offer("t1", 1_000, "192.0.2.1");
        LastUses.LastUse newest = uses.pending("t1");
        assertEquals(2_000, newest.at());
        uses.offer("t1", 3_000, "192.0.2.3");
        uses.written("t1", newest);
        assertEquals(3_000, uses.pending("t1").at(), "a newer use stays until it is written");
    }
}
