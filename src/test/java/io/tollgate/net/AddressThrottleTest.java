package io.tollgate.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-address throttle (password spraying) on an explicit clock: every call says what time it is. */
class AddressThrottleTest {

    private static final String SPRAYER = "203.0.113.66";
    private static final String OTHER = "192.0.2.1";

    private final AddressThrottle throttle = new AddressThrottle(30, 60_000, 10_000);

    /** Failed attempts: each is let through, then fails. */
    private void fail(String address, int times, long at) {
        for (int i = 0; i < times; i++) {
            assertEquals(0, throttle.attempt(address, at), "attempt " + (i + 1) + " is let through");
            throttle.failed(address, at);
        }
    }

    @Test
    void thirtyFailuresAreCheckedAndTheThirtyFirstAttemptIsRefusedUntilTheMinuteEnds() {
        fail(SPRAYER, 1, 1_000);
        fail(SPRAYER, 29, 31_000);
        assertEquals(30_000, throttle.attempt(SPRAYER, 31_000), "refused until a minute after the first attempt");
        assertEquals(1, throttle.attempt(SPRAYER, 60_999));
        assertEquals(0, throttle.attempt(SPRAYER, 61_000), "a new minute begins");
    }

    @Test
    void aReadSaysWhetherTheAddressIsRefusedAndCountsNothing() {
        assertEquals(0, throttle.refusedFor(SPRAYER, 1_000), "an unknown address");
        fail(SPRAYER, 29, 1_000);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, throttle.refusedFor(SPRAYER, 2_000), "29 failures: not refused, and reading counts none");
        }
        fail(SPRAYER, 1, 2_000);
        assertEquals(59_000, throttle.refusedFor(SPRAYER, 2_000), "the 30th failure: refused until the minute ends");
        assertEquals(0, throttle.refusedFor(SPRAYER, 61_000), "a new minute begins");
        assertEquals(0, throttle.refusedFor(OTHER, 2_000));
    }

    @Test
    void otherAddressesAreNotAffected() {
        fail(SPRAYER, 30, 1_000);
        assertTrue(throttle.attempt(SPRAYER, 1_000) > 0);
        fail(OTHER, 30, 1_000);
    }

    @Test
    void aSuccessTakesBackOnlyItsOwnAttemptAndNeverResetsTheCount() {
        for (int i = 0; i < 29; i++) {
            fail(SPRAYER, 1, 1_000 + i);
            assertEquals(0, throttle.attempt(SPRAYER, 1_000 + i), "the sprayer's own account, logging in");
            throttle.takeBack(SPRAYER, 1_000 + i);
        }
        fail(SPRAYER, 1, 2_000);
        assertTrue(throttle.attempt(SPRAYER, 2_000) > 0, "29 successes in between did not reset 30 failures");
    }

    @Test
    void refusedAttemptsAreNotCountedAndTakingBackOutsideTheWindowChangesNothing() {
        fail(SPRAYER, 30, 1_000);
        for (int i = 0; i < 100; i++) {
            assertTrue(throttle.attempt(SPRAYER, 2_000) > 0);
        }
        throttle.takeBack(SPRAYER, 2_000);
        assertEquals(0, throttle.attempt(SPRAYER, 2_000), "one failure taken back: one more attempt");
        assertTrue(throttle.attempt(SPRAYER, 2_000) > 0);
        throttle.takeBack(SPRAYER, 61_000);
        fail(SPRAYER, 30, 61_000);
    }

    @Test
    void exactlyTheFailureThatReachesTheLimitSaysSoEvenAmongParallelAttempts() {
        for (int i = 0; i < 30; i++) {
            assertEquals(0, throttle.attempt(SPRAYER, 1_000), "30 guesses in flight at once");
        }
        assertTrue(throttle.attempt(SPRAYER, 1_000) > 0, "the 31st is refused while they are checked");
        for (int i = 1; i < 30; i++) {
            assertEquals(0, throttle.failed(SPRAYER, 11_000), "failure " + i + " reached no limit");
        }
        assertEquals(50_000, throttle.failed(SPRAYER, 11_000), "the thirtieth failure: refused until the minute ends");
        assertEquals(0, throttle.failed(OTHER, 11_000), "an address with no attempt");
    }

    @Test
    void aFailureInALaterMinuteDoesNotCountForTheEndedOne() {
        for (int i = 0; i < 30; i++) {
            assertEquals(0, throttle.attempt(SPRAYER, 1_000));
        }
        for (int i = 0; i < 30; i++) {
            assertEquals(0, throttle.failed(SPRAYER, 61_000), "checked after its minute ended");
        }
        assertEquals(0, throttle.attempt(SPRAYER, 61_000), "a new minute begins");
    }

    @Test
    void memoryStaysBoundedWhateverAddressesSpray() {
        for (int i = 0; i < 50_000; i++) {
            throttle.attempt("10." + (i / 65_536) + "." + (i / 256 % 256) + "." + (i % 256), 1_000);
        }
        assertTrue(throttle.tracked() <= 10_000, "tracked " + throttle.tracked());
    }
}
