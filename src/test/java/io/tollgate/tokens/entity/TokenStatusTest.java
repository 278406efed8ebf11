package io.tollgate.tokens.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tollgate.access.entity.Refusal;
import io.tollgate.access.entity.Role;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Status precedence of the token object, and the refusal precedence of a presented secret (spec section 6). */
class TokenStatusTest {

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void suspendedWinsOverExpiredWhichWinsOverValid() {
        assertEquals(TokenStatus.VALID, TokenStatus.of(null, NOW + 1, NOW));
        assertEquals(TokenStatus.EXPIRED, TokenStatus.of(null, NOW, NOW), "expired once valid_date is reached");
        assertEquals(TokenStatus.SUSPENDED, TokenStatus.of(NOW - 5, NOW - 1, NOW), "suspended and expired");
        assertEquals(TokenStatus.SUSPENDED, TokenStatus.of(NOW - 5, NOW + 1, NOW));
    }

    private static ActiveToken secret(long validDate, boolean suspended, Long secretEnds) {
        return new ActiveToken("t", "p", "n", Role.VIEWER, TokenType.UNRESTRICTED, Set.of(), validDate,
                new AtomicLong(ActiveToken.NEVER), suspended, secretEnds, io.tollgate.net.CidrList.EMPTY);
    }

    @Test
    void refusalReasonsFollowRotatedOverSuspendedOverExpired() {
        assertNull(secret(NOW + 1, false, null).refusal(NOW));
        assertNull(secret(NOW + 1, false, NOW + 1).refusal(NOW), "a previous secret inside its grace works");
        assertEquals(Refusal.Reason.EXPIRED, secret(NOW, false, null).refusal(NOW));
        assertEquals(Refusal.Reason.SUSPENDED, secret(NOW, true, null).refusal(NOW));
        assertEquals(Refusal.Reason.SUSPENDED, secret(NOW + 1, true, NOW + 1).refusal(NOW),
                "a suspended token's previous secret in grace");
        assertEquals(Refusal.Reason.ROTATED, secret(NOW, true, NOW).refusal(NOW), "rotated over suspended and expired");
        assertEquals(Refusal.Reason.ROTATED, secret(NOW + 1, false, NOW).refusal(NOW));
    }

    @Test
    void reasonsAreListedInTheirPrecedenceAndNamedAsOnTheWire() {
        assertEquals("[REVOKED, ROTATED, SUSPENDED, EXPIRED, INVALID]", java.util.Arrays.toString(Refusal.Reason.values()));
        assertEquals("revoked", Refusal.Reason.REVOKED.id());
        assertEquals("invalid", Refusal.invalid().reason().id());
    }
}
