package io.tollgate.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GraceTest {

    private static final long ROTATED = 1_800_000_000_000L;

    @Test
    void previousSecretWorksUntilTheLastMillisecondOfItsGraceAndNotAtItsEnd() {
        long end = Grace.end(ROTATED, 3600);
        assertEquals(ROTATED + 3_600_000L, end);
        assertTrue(Grace.works(end, end - 1));
        assertFalse(Grace.works(end, end), "refused exactly when the grace ends");
        assertFalse(Grace.works(end, end + 1));
    }

    @Test
    void noGraceEndsThePreviousSecretAtTheRotationAndLeavesNoPreviousValidUntil() {
        assertEquals(ROTATED, Grace.end(ROTATED, 0));
        assertFalse(Grace.works(Grace.end(ROTATED, 0), ROTATED));
        assertNull(Grace.previousValidUntil(ROTATED, 0));
    }

    @Test
    void previousValidUntilIsTheEndOfTheGraceUpToADay() {
        assertEquals(ROTATED + 1000L, Grace.previousValidUntil(ROTATED, 1));
        assertEquals(ROTATED + 86_400_000L, Grace.previousValidUntil(ROTATED, 86_400));
        assertThrows(IllegalArgumentException.class, () -> Grace.end(ROTATED, -1));
    }
}
