package io.tollgate.hooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.access.entity.Refusal;
import io.tollgate.access.entity.Resolution;
import io.tollgate.access.entity.Role;
import io.tollgate.hooks.entity.Check;
import io.tollgate.hooks.entity.ClientIp;
import io.tollgate.hooks.entity.Denial;
import io.tollgate.hooks.entity.HookedBroker;
import io.tollgate.hooks.entity.Verdict;
import io.tollgate.metrics.control.Meters;
import io.tollgate.net.CidrList;
import io.tollgate.time.Now;
import io.tollgate.tokens.boundary.ActiveTokens;
import io.tollgate.tokens.control.TokenCache;
import io.tollgate.tokens.control.TokenSecrets;
import io.tollgate.tokens.entity.ActiveToken;
import io.tollgate.tokens.entity.TokenType;
import io.tollgate.usage.boundary.UsageWriter;
import io.tollgate.usage.entity.TokenUse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access decision with its memory: a client that connected with a previous secret during its grace
 * is refused {@code rotated} at its next topic check once the grace is over, though the check names
 * only the token, which its current secret still presents.
 */
class BrokerAccessTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long GRACE_ENDS = NOW + 60_000;
    private static final String ID = "11111111-2222-3333-4444-555555555555";
    private static final HookedBroker BROKER = new HookedBroker("b1", "p1");
    private static final ClientIp LOCAL = ClientIp.of("127.0.0.1");
    private static final String CURRENT = TokenSecrets.mint();
    private static final String PREVIOUS = TokenSecrets.mint();

    /** The tokens by hash and by id, as the cache would answer. */
    static final class Tokens extends ActiveTokens {
        final Map<String, ActiveToken> byHash = new HashMap<>();
        final Map<String, ActiveToken> byId = new HashMap<>();
        final TokenCache cache = new TokenCache(100);

        @Override
        public TokenCache cache() {
            return cache;
        }

        @Override
        public ActiveToken byHash(String hash) {
            return byHash.get(hash);
        }

        @Override
        public ActiveToken byId(String tokenId) {
            return byId.get(tokenId);
        }

        @Override
        public Resolution resolve(String credential, String hash, long now) {
            return Refusal.invalid();
        }

        @Override
        public void recordUse(String tokenId, long now, String ip) {
        }
    }

    static final class Clock extends Now {
        long millis = NOW;

        @Override
        public long millis() {
            return millis;
        }
    }

    private final Tokens tokens = new Tokens();
    private final Clock clock = new Clock();
    private final MemoryRows rows = new MemoryRows();
    private final BrokerAccess access = node(tokens);

    private static ActiveToken token(boolean suspended, Long secretEnds) {
        return new ActiveToken(ID, "p1", "t", Role.EDITOR, TokenType.UNRESTRICTED, Set.of(), NOW + 3_600_000,
                new AtomicLong(ActiveToken.NEVER), suspended, secretEnds, CidrList.EMPTY);
    }

    @BeforeEach
    void wire() {
        wire(tokens);
    }

    private void wire(Tokens node) {
        node.byHash.put(TokenSecrets.hash(CURRENT), token(false, null));
        node.byHash.put(TokenSecrets.hash(PREVIOUS), token(false, GRACE_ENDS));
        node.byId.put(ID, token(false, null));
    }

    /** A node: its own token cache and memory of clients, the rows shared. */
    private BrokerAccess node(Tokens nodeTokens) {
        BrokerAccess node = new BrokerAccess();
        node.tokens = nodeTokens;
        node.clock = clock;
        node.meters = new Meters();
        node.usage = new UsageWriter() {
            @Override
            public void record(TokenUse use) {
            }
        };
        node.clientSecretsSize = 100;
        node.clientRows = rows;
        rows.nodes.add(nodeTokens.cache);
        node.init();
        return node;
    }

    private Verdict publish(HookedBroker broker, String clientId) {
        return access.topic("test", broker, Check.PUBLISH, ID, clientId, "a/b", 0, false, LOCAL);
    }

    @Test
    void aClientOnAPreviousSecretIsRefusedRotatedAtItsFirstCheckAfterTheGrace() {
        assertTrue(access.connect("test", BROKER, ID, PREVIOUS, "old", LOCAL).allowed());
        assertTrue(access.connect("test", BROKER, ID, CURRENT, "new", LOCAL).allowed());
        assertTrue(publish(BROKER, "old").allowed(), "during the grace");
        clock.millis = GRACE_ENDS - 1;
        assertTrue(access.topic("test", BROKER, Check.SUBSCRIBE, ID, "old", "a/#", null, null, LOCAL).allowed());
        clock.millis = GRACE_ENDS;
        assertEquals(Denial.ROTATED, publish(BROKER, "old").denial());
        assertEquals(Denial.ROTATED, access.topic("test", BROKER, Check.SUBSCRIBE, ID, "old", "a/#", null, null, LOCAL)
                .denial());
        assertEquals(Denial.ROTATED, access.topic("test", BROKER, Check.READ, ID, "old", "a/b", null, null, LOCAL)
                .denial());
        assertTrue(publish(BROKER, "new").allowed(), "a client on the current secret");
        assertTrue(publish(new HookedBroker("b2", "p1"), "old").allowed(), "the memory is per broker");
    }

    @Test
    void aConnectWithTheCurrentSecretReplacesThePreviousOne() {
        assertTrue(access.connect("test", BROKER, ID, PREVIOUS, "c1", LOCAL).allowed());
        assertTrue(access.connect("test", BROKER, ID, CURRENT, "c1", LOCAL).allowed());
        clock.millis = GRACE_ENDS;
        assertTrue(publish(BROKER, "c1").allowed());
    }

    @Test
    void aRotationAfterTheConnectEndsTheCurrentSecretsClientsAtTheEndOfItsGrace() {
        assertTrue(access.connect("test", BROKER, ID, CURRENT, "c1", LOCAL).allowed());
        assertTrue(publish(BROKER, "c1").allowed());
        // rotated after the connect: the secret c1 holds is now a previous one, in a grace until GRACE_ENDS
        tokens.byHash.put(TokenSecrets.hash(CURRENT), token(false, GRACE_ENDS));
        assertTrue(publish(BROKER, "c1").allowed(), "during the grace");
        clock.millis = GRACE_ENDS;
        assertEquals(Denial.ROTATED, publish(BROKER, "c1").denial(), "its grace is over");
        assertTrue(publish(BROKER, "unknown-client").allowed(), "a client this node never saw is judged by the token");
    }

    @Test
    void aRefusedConnectChangesNothing() {
        assertTrue(access.connect("test", BROKER, ID, PREVIOUS, "c1", LOCAL).allowed());
        assertEquals(Denial.INVALID, access.connect("test", BROKER, ID, TokenSecrets.mint(), "c1", LOCAL).denial());
        clock.millis = GRACE_ENDS;
        assertEquals(Denial.ROTATED, publish(BROKER, "c1").denial());
    }

    @Test
    void rabbitMqsTwoStepConnectIsRememberedAtItsPasswordCheck() {
        assertTrue(access.authenticate("test", BROKER, ID, PREVIOUS, "r1").allowed());
        assertTrue(access.admit("test", BROKER, ID, "r1", LOCAL).allowed());
        clock.millis = GRACE_ENDS;
        assertEquals(Denial.ROTATED, access.topic("test", BROKER, Check.PUBLISH, ID, "r1", "a", null, null,
                ClientIp.CHECKED_ELSEWHERE).denial());
    }

    @Test
    void aLaterRotationEndsTheHeldSecretAtOnce() {
        assertTrue(access.connect("test", BROKER, ID, PREVIOUS, "c1", LOCAL).allowed());
        // rotated again: the earlier previous secret ends now (its cached lookup was dropped and read again)
        tokens.byHash.put(TokenSecrets.hash(PREVIOUS), token(false, NOW + 10));
        assertTrue(publish(BROKER, "c1").allowed());
        clock.millis = NOW + 10;
        assertEquals(Denial.ROTATED, publish(BROKER, "c1").denial(), "long before the first grace's end");
    }

    @Test
    void aHeldSecretNoLongerKnownHasEnded() {
        assertTrue(access.connect("test", BROKER, ID, PREVIOUS, "c1", LOCAL).allowed());
        tokens.byHash.remove(TokenSecrets.hash(PREVIOUS));
        assertEquals(Denial.ROTATED, publish(BROKER, "c1").denial());
    }

    @Test
    void theApisPrecedenceHolds() {
        assertTrue(access.connect("test", BROKER, ID, PREVIOUS, "c1", LOCAL).allowed());
        clock.millis = GRACE_ENDS;
        tokens.byId.put(ID, token(true, null));
        assertEquals(Denial.ROTATED, publish(BROKER, "c1").denial(), "rotated over suspended");
        assertEquals(Denial.SUSPENDED, publish(BROKER, "c2").denial());
        tokens.byId.remove(ID);
        assertEquals(Denial.INVALID, publish(BROKER, "c1").denial(), "a deleted token is no one's");
        tokens.byId.put(ID, token(false, null));
        assertEquals(Denial.INVALID, publish(new HookedBroker("b1", "p2"), "c1").denial(), "nor another project's");
    }

    /** The gap the shared rows close: the checks of a client reach another node than its connect did. */
    @Test
    void anotherNodeJudgesAClientByTheSecretItConnectedWithElsewhere() {
        Tokens tokensB = new Tokens();
        wire(tokensB);
        BrokerAccess onB = node(tokensB);
        assertTrue(onB.topic("test", BROKER, Check.PUBLISH, ID, "old", "a/b", 0, false, LOCAL).allowed(),
                "B knows the client has no row");
        assertTrue(access.connect("test", BROKER, ID, PREVIOUS, "old", LOCAL).allowed(), "through A, in the grace");
        assertTrue(access.connect("test", BROKER, ID, CURRENT, "new", LOCAL).allowed());
        clock.millis = GRACE_ENDS;
        assertEquals(Denial.ROTATED, onB.topic("test", BROKER, Check.PUBLISH, ID, "old", "a/b", 0, false, LOCAL).denial());
        assertTrue(onB.topic("test", BROKER, Check.PUBLISH, ID, "new", "a/b", 0, false, LOCAL).allowed());

        assertTrue(access.connect("test", BROKER, ID, CURRENT, "old", LOCAL).allowed(), "the client on the current secret");
        assertTrue(onB.topic("test", BROKER, Check.PUBLISH, ID, "old", "a/b", 0, false, LOCAL).allowed(),
                "B follows the new row");
    }

    @Test
    void aRotationAfterTheConnectIsSeenOnTheOtherNode() {
        Tokens tokensB = new Tokens();
        wire(tokensB);
        BrokerAccess onB = node(tokensB);
        assertTrue(access.connect("test", BROKER, ID, CURRENT, "c1", LOCAL).allowed());
        // rotated on A: both nodes hear of it (their caches now present the old current secret in a grace)
        tokens.byHash.put(TokenSecrets.hash(CURRENT), token(false, GRACE_ENDS));
        tokensB.byHash.put(TokenSecrets.hash(CURRENT), token(false, GRACE_ENDS));
        tokens.cache.invalidate(ID);
        tokensB.cache.invalidate(ID);
        assertTrue(onB.topic("test", BROKER, Check.PUBLISH, ID, "c1", "a/b", 0, false, LOCAL).allowed(), "in the grace");
        clock.millis = GRACE_ENDS;
        assertEquals(Denial.ROTATED, onB.topic("test", BROKER, Check.PUBLISH, ID, "c1", "a/b", 0, false, LOCAL).denial());
    }
}
