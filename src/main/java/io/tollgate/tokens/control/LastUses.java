package io.tollgate.tokens.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Successful token uses waiting for the usage writer to move {@code last_used_date} and
 * {@code last_used_ip}: one entry per token, the newest use wins, so a flush writes each token once
 * however many uses came in. An entry leaves only once written ({@link #written}), so that the token
 * list can show it meanwhile (no gap between "pending" and "in the database").
 */
public final class LastUses {

    /** The {@code last_used_ip} column's length. */
    public static final int MAX_IP = 64;

    /**
     * A use to be written: when, and from which client address (null if unknown), cut to {@link #MAX_IP}
     * characters: a broker reports its client's address as any text, and one value longer than the
     * column would fail every flush that carries it.
     */
    public record LastUse(long at, String ip) {
        public LastUse {
            ip = ip == null || ip.length() <= MAX_IP ? ip : ip.substring(0, MAX_IP);
        }
    }

    private final Map<String, LastUse> pending = new ConcurrentHashMap<>();

    public void offer(String tokenId, long at, String ip) {
        LastUse use = new LastUse(at, ip);
        pending.merge(tokenId, use, (old, added) -> added.at() >= old.at() ? added : old);
    }

    /** The use of this token not yet written, or null. */
    public LastUse pending(String tokenId) {
        return pending.get(tokenId);
    }

    /** What is waiting now (a copy: uses arriving meanwhile wait for the next flush). */
    public Map<String, LastUse> snapshot() {
        return Map.copyOf(pending);
    }

    /** Forgets {@code use} once it is in the database, unless a newer use replaced it meanwhile. */
    public void written(String tokenId, LastUse use) {
        pending.remove(tokenId, use);
    }

    public int size() {
        return pending.size();
    }
}
