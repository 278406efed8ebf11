package io.tollgate.users.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void hashIsSaltedPbkdf2WithAtLeast210000IterationsAndNeverThePassword() {
        String password = "correct horse battery staple";
        String first = Passwords.hash(password);
        String second = Passwords.hash(password);
        assertTrue(first.startsWith("pbkdf2-sha256$210000$"), first);
        assertNotEquals(first, second, "a fresh salt each time");
        assertFalse(first.contains(password));
    }

    @Test
    void matchesOnlyTheRightPassword() {
        String stored = Passwords.hash("correct horse battery staple");
        assertTrue(Passwords.matches("correct horse battery staple", stored));
        assertFalse(Passwords.matches("correct horse battery stapl", stored));
    }

    /**
     * An unknown user is checked against a decoy hash (same work as a real check); the decoy's own
     * password must still be refused, or anyone knowing it could log in as any name that does not exist.
     */
    @Test
    void unknownUserIsRefusedEvenWithTheDecoysOwnPassword() {
        assertFalse(Passwords.matches("decoy-password-never-matches-anything", null));
        assertFalse(Passwords.matches("correct horse battery staple", null));
    }
}
