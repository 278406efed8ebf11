package io.tollgate.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final LoginThrottle throttle = new LoginThrottle(10, 60_000, 60_000);

    /** Failed attempts: each is let through, then never succeeds. */
    private void fail(String user, int times, long at) {
        for (int i = 0; i < times; i++) {
            assertEquals(0, throttle.attempt(user, at), "attempt " + (i + 1) + " is let through");
        }
    }

    @Test
    void tenFailuresWithinAMinuteDoNotLock() {
        fail("alice", 10, 1_000);
        assertEquals(0, throttle.attempt("alice", 1_000), "the eleventh attempt is still checked");
    }

    @Test
    void afterTheEleventhFailureTheUsernameIsLockedForAMinute() {
        fail("alice", 11, 1_000);
        assertEquals(60_000, throttle.attempt("alice", 1_000));
        assertTrue(throttle.attempt("alice", 60_999) > 0);
        assertEquals(0, throttle.attempt("alice", 61_000));
    }

    @Test
    void lockIsPerUsername() {
        fail("alice", 11, 1_000);
        assertEquals(0, throttle.attempt("bob", 1_000));
    }

    @Test
    void successResetsTheCount() {
        fail("alice", 10, 1_000);
        throttle.succeeded("alice");
        fail("alice", 10, 2_000);
        assertEquals(0, throttle.attempt("alice", 2_000));
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        fail("alice", 10, 1_000);
        fail("alice", 10, 62_000);
        assertEquals(0, throttle.attempt("alice", 62_000));
    }
}
