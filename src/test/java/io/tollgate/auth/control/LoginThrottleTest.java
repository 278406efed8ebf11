package io.tollgate.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final LoginThrottle throttle = new LoginThrottle(10, 60_000, 60_000);

    private void fail(String user, int times, long at) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, at);
        }
    }

    @Test
    void tenFailuresWithinAMinuteDoNotLock() {
        fail("alice", 10, 1_000);
        assertEquals(0, throttle.lockedFor("alice", 1_000));
    }

    @Test
    void theEleventhFailureLocksForAMinute() {
        fail("alice", 11, 1_000);
        assertEquals(60_000, throttle.lockedFor("alice", 1_000));
        assertTrue(throttle.lockedFor("alice", 60_999) > 0);
        assertEquals(0, throttle.lockedFor("alice", 61_000));
    }

    @Test
    void lockIsPerUsername() {
        fail("alice", 11, 1_000);
        assertEquals(0, throttle.lockedFor("bob", 1_000));
    }

    @Test
    void successResetsTheCount() {
        fail("alice", 10, 1_000);
        throttle.succeeded("alice");
        fail("alice", 10, 2_000);
        assertEquals(0, throttle.lockedFor("alice", 2_000));
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        fail("alice", 10, 1_000);
        fail("alice", 10, 62_000);
        assertEquals(0, throttle.lockedFor("alice", 62_000));
    }
}
