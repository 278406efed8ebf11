package io.tollgate.net;

import java.util.List;

/**
 * The client address rule: the TCP peer, unless the peer lies in the trusted proxies; then the
 * right-most {@code X-Forwarded-For} address that is not a trusted proxy. Pure: the peer and the
 * header lines go in, an address comes out; {@link ClientAddress} feeds it from the request.
 * <p>
 * A header is never a reason to fail the request. The walk goes right to left (each proxy appends
 * the address it saw) and stops at the first entry that is not a bare IP literal ({@code unknown},
 * an obfuscated id, an address with a port, garbage): the client is then the nearest hop known for
 * sure, the trusted proxy to the right of that entry, which is the TCP peer when the right-most entry
 * is bad. Empty list elements ({@code a,,b}) are skipped (RFC 9110 list syntax). At most
 * {@link #MAX_HOPS} entries are read; past that, the last trusted hop reached is the answer.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(CidrList.EMPTY);
    static final int MAX_HOPS = 32;

    private final CidrList proxies;

    public TrustedProxies(CidrList proxies) {
        this.proxies = proxies;
    }

    public boolean isEmpty() {
        return proxies.isEmpty();
    }

    public CidrList proxies() {
        return proxies;
    }

    /**
     * @param peer         the TCP peer as the runtime reports it (a zone id, {@code %eth0}, is ignored)
     * @param forwardedFor the {@code X-Forwarded-For} header lines in the order received; read only
     *                     when the peer is a trusted proxy
     * @return the client's address, or null only when the peer itself is not an IP literal
     */
    public IpAddress clientOf(String peer, List<String> forwardedFor) {
        IpAddress hop = peerAddress(peer);
        if (hop == null || !proxies.contains(hop) || forwardedFor == null) {
            return hop;
        }
        int hops = 0;
        for (int line = forwardedFor.size() - 1; line >= 0; line--) {
            String value = forwardedFor.get(line);
            if (value == null) {
                continue;
            }
            int end = value.length();
            while (end > 0) {
                int comma = value.lastIndexOf(',', end - 1);
                int from = comma + 1;
                int to = end;
                end = comma < 0 ? 0 : comma;
                while (from < to && isSpace(value.charAt(from))) {
                    from++;
                }
                while (to > from && isSpace(value.charAt(to - 1))) {
                    to--;
                }
                if (from == to) {
                    continue;
                }
                if (++hops > MAX_HOPS) {
                    return hop;
                }
                IpAddress entry = to - from > IpAddress.MAX_LENGTH ? null : IpAddress.tryParse(value, from, to);
                if (entry == null) {
                    return hop;
                }
                if (!proxies.contains(entry)) {
                    return entry;
                }
                hop = entry;
            }
        }
        return hop;
    }

    private static IpAddress peerAddress(String peer) {
        if (peer == null) {
            return null;
        }
        int zone = peer.indexOf('%');
        String literal = zone < 0 ? peer : peer.substring(0, zone);
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        return IpAddress.tryParse(literal);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
