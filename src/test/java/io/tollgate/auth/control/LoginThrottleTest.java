package io.tollgate.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The throttle on an explicit clock: every call says what time it is. */
class LoginThrottleTest {

    private static final String HOME = "192.0.2.1";
    private static final String ATTACKER = "203.0.113.66";

    private final LoginThrottle throttle = new LoginThrottle(10, 60_000, 60_000, 100, 900_000, 10_000);

    /** Failed attempts: each is let through, then never succeeds. */
    private void fail(String user, String address, int times, long at) {
        for (int i = 0; i < times; i++) {
            assertEquals(0, throttle.attempt(user, address, at), "attempt " + (i + 1) + " is let through");
        }
    }

    @Test
    void tenFailuresWithinAMinuteDoNotLock() {
        fail("alice", HOME, 10, 1_000);
        assertEquals(0, throttle.attempt("alice", HOME, 1_000), "the eleventh attempt is still checked");
    }

    @Test
    void afterTheEleventhFailureTheUsernameIsLockedForAMinuteAtThatAddress() {
        fail("alice", HOME, 11, 1_000);
        assertEquals(60_000, throttle.attempt("alice", HOME, 1_000));
        assertTrue(throttle.attempt("alice", HOME, 60_999) > 0);
        assertEquals(0, throttle.attempt("alice", HOME, 61_000));
    }

    @Test
    void lockIsPerUsername() {
        fail("alice", HOME, 11, 1_000);
        assertEquals(0, throttle.attempt("bob", HOME, 1_000));
    }

    @Test
    void anAttackersAddressDoesNotLockTheUserAtAnotherAddress() {
        fail("alice", ATTACKER, 11, 1_000);
        assertTrue(throttle.attempt("alice", ATTACKER, 2_000) > 0, "the attacker's address is locked");
        assertEquals(0, throttle.attempt("alice", HOME, 2_000), "the user's own address is not");
        throttle.succeeded("alice", HOME, 2_000);
        assertTrue(throttle.attempt("alice", ATTACKER, 2_000) > 0, "the user's success does not unlock the attacker");
    }

    @Test
    void moreThanAHundredFailuresFromManyAddressesLockTheUsernameUntilTheWindowEnds() {
        for (int address = 0; address < 20; address++) {
            fail("alice", "198.51.100." + address, 5, 10_000 + address);
        }
        assertEquals(0, throttle.attempt("alice", "198.51.100.200", 20_000), "the 101st attempt is still checked");
        long wait = throttle.attempt("alice", "198.51.100.201", 30_000);
        assertEquals(10_000 + 900_000 - 30_000, wait, "locked everywhere until 15 minutes after the first failure");
        assertTrue(throttle.attempt("alice", HOME, 909_999) > 0);
        assertEquals(0, throttle.attempt("alice", HOME, 910_001), "a new window begins");
        assertEquals(0, throttle.attempt("bob", HOME, 30_000), "other usernames are not affected");
    }

    @Test
    void successfulLoginsDoNotCountTowardsTheUsernameCeiling() {
        for (int i = 0; i < 300; i++) {
            assertEquals(0, throttle.attempt("alice", HOME, 1_000 + i), "login " + i);
            throttle.succeeded("alice", HOME, 1_000 + i);
        }
    }

    @Test
    void successResetsTheCountOfItsAddress() {
        fail("alice", HOME, 10, 1_000);
        throttle.succeeded("alice", HOME, 1_000);
        fail("alice", HOME, 10, 2_000);
        assertEquals(0, throttle.attempt("alice", HOME, 2_000));
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        fail("alice", HOME, 10, 1_000);
        fail("alice", HOME, 10, 62_000);
        assertEquals(0, throttle.attempt("alice", HOME, 62_000));
    }

    @Test
    void memoryStaysBoundedWhateverUsernamesAndAddressesArrive() {
        for (int i = 0; i < 50_000; i++) {
            throttle.attempt("user-" + i + "-" + "x".repeat(40), "10.0." + (i / 256 % 256) + "." + (i % 256), 1_000);
        }
        assertTrue(throttle.tracked() <= 20_000, "tracked " + throttle.tracked());
    }

    @Test
    void lockedForTellsWhenAFailureStartedALockAndCountsNothing() {
        fail("alice", HOME, 10, 1_000);
        assertEquals(0, throttle.lockedFor("alice", HOME, 1_000), "ten failures: no lock yet");
        assertEquals(0, throttle.lockedFor("alice", HOME, 1_000), "asking twice counts no attempt");
        fail("alice", HOME, 1, 1_000);
        assertEquals(60_000, throttle.lockedFor("alice", HOME, 1_000), "the eleventh failure started the lock");
        assertEquals(0, throttle.lockedFor("alice", ATTACKER, 1_000), "only at that address");
        assertEquals(0, throttle.lockedFor("alice", HOME, 61_000), "and for a minute");
    }
}
