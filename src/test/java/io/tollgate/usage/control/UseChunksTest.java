package io.tollgate.usage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.usage.control.UseChunks.Chunk;
import io.tollgate.usage.entity.TokenUse;
import io.tollgate.usage.entity.UseOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UseChunksTest {

    private static TokenUse use(String token, long at, int n) {
        return new TokenUse(token, at, UseOutcome.OK, 200, "GET", "/api/projects/p/brokers/" + (n % 3), "192.0.2.1",
                "curl/8.5.0");
    }

    @Test
    void everyFieldSurvivesTheRoundTripNullsUnicodeAndTimesGoingBackwardsIncluded() {
        List<TokenUse> uses = List.of(
                new TokenUse("t", 1_795_000_000_123L, UseOutcome.OK, 200, "GET", "/api/auth/whoami", "203.0.113.9", "curl/8.5.0"),
                new TokenUse("t", 1_795_000_000_120L, UseOutcome.IP_NOT_ALLOWED, 403, "DELETE", "/api/x/%F0%9F%98%80",
                        null, null),
                new TokenUse("t", 1_795_000_000_120L, UseOutcome.ROTATED, 401, "POST", "/api/auth/whoami", "2001:db8::1",
                        "agent \uD83D\uDE00 ünï \u0000 end"),
                new TokenUse("t", 0L, UseOutcome.SUSPENDED, 401, "PATCH", "/", "", ""));
        assertEquals(uses, UseChunks.decode("t", UseChunks.encode(uses)));
    }

    @Test
    void aChunkRepeatsNoTextSoAThousandUsesOfOneClientTakeAFewBytesEach() {
        List<TokenUse> uses = IntStream.range(0, 1000).mapToObj(i -> use("t", 1_795_000_000_000L + i, i)).toList();
        byte[] data = UseChunks.encode(uses);
        assertTrue(data.length < 1000 * 10, "bytes: " + data.length);
        assertEquals(uses, UseChunks.decode("t", data));
    }

    @Test
    void usesAreGroupedByTokenInTheirOrder() {
        List<TokenUse> uses = List.of(use("a", 10, 0), use("b", 11, 1), use("a", 12, 2), use("b", 9, 3));
        List<Chunk> chunks = UseChunks.of(uses);
        assertEquals(2, chunks.size());
        Chunk a = chunks.get(0);
        Chunk b = chunks.get(1);
        assertEquals(List.of("a", 10L, 12L, 2), List.of(a.tokenId(), a.firstAt(), a.lastAt(), a.uses()));
        assertEquals(List.of("b", 9L, 11L, 2), List.of(b.tokenId(), b.firstAt(), b.lastAt(), b.uses()));
        assertEquals(List.of(uses.get(1), uses.get(3)), UseChunks.decode("b", b.data()));
    }

    @Test
    void aChunkEndsAtAThousandUsesOrAMinuteSoTheAgeCutIsAtMostAMinuteLate() {
        List<TokenUse> uses = new ArrayList<>();
        IntStream.range(0, 2500).forEach(i -> uses.add(use("t", 1000 + i, i)));
        assertEquals(List.of(1000, 1000, 500), UseChunks.of(uses).stream().map(Chunk::uses).toList());

        List<TokenUse> sparse = List.of(use("t", 0, 0), use("t", UseChunks.MAX_SPAN_MS, 1),
                use("t", UseChunks.MAX_SPAN_MS + 1, 2), use("t", 5, 3));
        List<Chunk> chunks = UseChunks.of(sparse);
        assertEquals(List.of(2, 2), chunks.stream().map(Chunk::uses).toList());
        assertEquals(List.of(UseChunks.MAX_SPAN_MS + 1, 5L), List.of(chunks.get(1).lastAt(), chunks.get(1).firstAt()),
                "a use older than the chunk's first still fits if the span allows");
    }

    @Test
    void aChunkEndsBeforeItsDistinctTextPassesItsBoundButAlwaysHoldsOneUse() {
        String longPath = "/" + "p".repeat(TokenUse.MAX_PATH - 1);
        List<TokenUse> uses = IntStream.range(0, 100)
                .mapToObj(i -> new TokenUse("t", 1000 + i, UseOutcome.OK, 200, "GET", longPath.substring(0, 2000) + i,
                        null, null))
                .toList();
        List<Chunk> chunks = UseChunks.of(uses);
        assertTrue(chunks.size() > 1);
        chunks.forEach(c -> assertTrue(c.uses() * 2000 <= UseChunks.MAX_TEXT, "uses: " + c.uses()));
        assertTrue((chunks.get(0).uses() + 1) * 2002 + 3 > UseChunks.MAX_TEXT, "a chunk is filled before it ends");
        assertEquals(100, chunks.stream().mapToInt(Chunk::uses).sum());
        List<TokenUse> back = new ArrayList<>();
        chunks.forEach(c -> back.addAll(UseChunks.decode("t", c.data())));
        assertEquals(uses, back);
    }

    @Test
    void outcomesKeepTheirPositionsBecauseStoredChunksReferToThem() {
        assertEquals(List.of(UseOutcome.OK, UseOutcome.FORBIDDEN, UseOutcome.IP_NOT_ALLOWED, UseOutcome.EXPIRED,
                UseOutcome.SUSPENDED, UseOutcome.ROTATED, UseOutcome.INVALID), List.of(UseOutcome.values()),
                "append new outcomes at the end; never reorder or remove one");
    }

    /**
     * A use's texts are bounded before they reach a chunk: a request line with a 70 000-character method
     * (a server with a large header limit passes it on to the application) must not make the chunk's
     * encoding fail, which would put the writer's batch back and fail it again at every flush.
     */
    @Test
    void aUseWithAnOverlongMethodStillEncodesWithItsMethodCut() {
        TokenUse use = new TokenUse("t", 1000, UseOutcome.SUSPENDED, 401, "X".repeat(70_000), "/api/x", null, null);
        List<TokenUse> back = UseChunks.decode("t", UseChunks.of(List.of(use)).get(0).data());
        assertEquals("X".repeat(TokenUse.MAX_METHOD), back.get(0).method());
    }
}
