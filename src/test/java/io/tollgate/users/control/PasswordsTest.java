package io.tollgate.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The translation of legacy hashes into the library's format (hashing and verifying need the
 * container's {@code Pbkdf2PasswordHash}: they are tested in {@code InContainerTests}).
 */
class PasswordsTest {

    @Test
    void legacyHashBecomesTheLibrarysFormatWithTheSameIterationsSaltAndKeyInPaddedBase64() {
        assertEquals("PBKDF2WithHmacSHA256:210000:c3DuVBLKaMMu0ZcMyw9x6A==:ZE4EFM8FZKsisOMpu27+8nEzYGzmuhS3+DI2Zz3U4Qo=",
                Passwords.libraryFormat("pbkdf2-sha256$210000$c3DuVBLKaMMu0ZcMyw9x6A$ZE4EFM8FZKsisOMpu27+8nEzYGzmuhS3+DI2Zz3U4Qo"));
    }

    @Test
    void hashInTheLibrarysFormatIsLeftAsItIs() {
        String stored = "PBKDF2WithHmacSHA256:210000:c3DuVBLKaMMu0ZcMyw9x6A==:ZE4EFM8FZKsisOMpu27+8nEzYGzmuhS3+DI2Zz3U4Qo=";
        assertEquals(stored, Passwords.libraryFormat(stored));
    }

    @Test
    void malformedLegacyHashTranslatesToNothing() {
        assertNull(Passwords.libraryFormat("pbkdf2-sha256$x$c3DuVBLKaMMu0ZcMyw9x6A$ZE4E"));
        assertNull(Passwords.libraryFormat("pbkdf2-sha256$210000$c3Du$ZE4E$extra"));
        assertNull(Passwords.libraryFormat("pbkdf2-sha256$210000$not base64!$ZE4E"));
        assertNull(Passwords.libraryFormat("pbkdf2-sha256$-1$c3DuVBLKaMMu0ZcMyw9x6A$ZE4E"));
    }

    @Test
    void newHashesUse210000IterationsUnlessAnotherCountIsConfigured() {
        assertEquals(210_000, Passwords.iterations(Optional.empty()));
        assertEquals(1024, Passwords.iterations(Optional.of(1024)));
    }
}
