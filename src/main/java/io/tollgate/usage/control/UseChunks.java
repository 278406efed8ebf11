package io.tollgate.usage.control;

import io.tollgate.usage.entity.TokenUse;
import io.tollgate.usage.entity.UseOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the usage log stores uses: one database row per token and flush (a <em>chunk</em>), not one
 * row per request. A token used a thousand times a second then costs the database one insert a second
 * instead of a thousand, and the retention job one delete per chunk: under load, that write work is
 * what recording costs the request path on a small machine (issue 13 measured one row per request at
 * 0.83x the throughput without recording; the budget is 0.90x).
 *
 * <p>A chunk holds at most {@value #MAX_USES} uses of one token spanning at most {@value #MAX_SPAN_MS}
 * ms (so that the age cut, which removes whole chunks, is at most that much late) and at most
 * {@value #MAX_TEXT} characters of distinct text. Its bytes: a format byte, the number of uses, a table
 * of the distinct texts (method, path, address, user agent: one client repeats them), then per use the
 * time as a difference to the previous one, the outcome, the status and four indexes into the table.
 */
public final class UseChunks {

    public static final int MAX_USES = 1000;
    public static final long MAX_SPAN_MS = 60_000;
    static final int MAX_TEXT = 64 * 1024;
    private static final int FORMAT = 1;
    private static final UseOutcome[] OUTCOMES = UseOutcome.values();

    private UseChunks() {
    }

    /** A token's uses as one row: when its first and last use were, how many, and the encoded uses. */
    public record Chunk(String tokenId, long firstAt, long lastAt, int uses, byte[] data) {
    }

    /** Cuts {@code uses} (of any tokens, in the order they came) into chunks, each token's in its order. */
    public static List<Chunk> of(List<TokenUse> uses) {
        Map<String, List<TokenUse>> byToken = new LinkedHashMap<>();
        for (TokenUse use : uses) {
            byToken.computeIfAbsent(use.tokenId(), id -> new ArrayList<>()).add(use);
        }
        List<Chunk> chunks = new ArrayList<>();
        for (List<TokenUse> tokenUses : byToken.values()) {
            int start = 0;
            while (start < tokenUses.size()) {
                int end = end(tokenUses, start);
                chunks.add(chunk(tokenUses.subList(start, end)));
                start = end;
            }
        }
        return chunks;
    }

    /** Where the chunk starting at {@code start} ends (exclusive): at the first use that breaks a limit. */
    private static int end(List<TokenUse> uses, int start) {
        long first = uses.get(start).at();
        long min = first;
        long max = first;
        int text = 0;
        Set<String> seen = new HashSet<>();
        int i = start;
        while (i < uses.size() && i - start < MAX_USES) {
            TokenUse use = uses.get(i);
            long lo = Math.min(min, use.at());
            long hi = Math.max(max, use.at());
            int added = newText(seen, use);
            if (i > start && (hi - lo > MAX_SPAN_MS || text + added > MAX_TEXT)) {
                break;
            }
            min = lo;
            max = hi;
            text += added;
            for (String s : texts(use)) {
                if (s != null) {
                    seen.add(s);
                }
            }
            i++;
        }
        return i;
    }

    private static int newText(Set<String> seen, TokenUse use) {
        int added = 0;
        for (String s : texts(use)) {
            if (s != null && !seen.contains(s)) {
                added += s.length();
            }
        }
        return added;
    }

    private static String[] texts(TokenUse use) {
        return new String[] {use.method(), use.path(), use.ip(), use.userAgent()};
    }

    static Chunk chunk(List<TokenUse> uses) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (TokenUse use : uses) {
            first = Math.min(first, use.at());
            last = Math.max(last, use.at());
        }
        return new Chunk(uses.get(0).tokenId(), first, last, uses.size(), encode(uses));
    }

    /** The bytes of {@code uses} (all of one token). */
    public static byte[] encode(List<TokenUse> uses) {
        Map<String, Integer> table = new LinkedHashMap<>();
        int[] refs = new int[uses.size() * 4];
        int r = 0;
        for (TokenUse use : uses) {
            for (String s : texts(use)) {
                // 0 is null; a text's index is its position in the table plus one
                refs[r++] = s == null ? 0 : table.computeIfAbsent(s, k -> table.size() + 1);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + uses.size() * 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeVarLong(out, uses.size());
            writeVarLong(out, table.size());
            for (String text : table.keySet()) {
                out.writeUTF(text);
            }
            long previous = 0;
            r = 0;
            for (TokenUse use : uses) {
                writeVarLong(out, zigzag(use.at() - previous));
                previous = use.at();
                out.writeByte(use.outcome().ordinal());
                writeVarLong(out, use.status());
                for (int k = 0; k < 4; k++) {
                    writeVarLong(out, refs[r++]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The uses {@link #encode} wrote, in their order. */
    public static List<TokenUse> decode(String tokenId, byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown usage chunk format " + format);
            }
            int count = (int) readVarLong(in);
            String[] table = new String[(int) readVarLong(in) + 1];
            for (int t = 1; t < table.length; t++) {
                table[t] = in.readUTF();
            }
            List<TokenUse> uses = new ArrayList<>(count);
            long at = 0;
            for (int i = 0; i < count; i++) {
                at += unzigzag(readVarLong(in));
                UseOutcome outcome = OUTCOMES[in.readUnsignedByte()];
                int status = (int) readVarLong(in);
                String method = table[(int) readVarLong(in)];
                String path = table[(int) readVarLong(in)];
                String ip = table[(int) readVarLong(in)];
                String userAgent = table[(int) readVarLong(in)];
                uses.add(new TokenUse(tokenId, at, outcome, status, method, path, ip, userAgent));
            }
            return uses;
        } catch (IOException e) {
            throw new UncheckedIOException("a usage chunk of token " + tokenId + " is cut short", e);
        }
    }

    private static long zigzag(long n) {
        return (n << 1) ^ (n >> 63);
    }

    private static long unzigzag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    private static void writeVarLong(DataOutputStream out, long value) throws IOException {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVarLong(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("a number in a usage chunk is too long");
    }
}
