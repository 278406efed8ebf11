package io.tollgate.net;

/**
 * An IPv4 or IPv6 address as 128 bits ({@code hi}, {@code lo}), parsed from its literal text only:
 * never a name, never a DNS lookup. IPv4 addresses are held in their IPv4-mapped IPv6 form
 * ({@code ::ffff:a.b.c.d}), so {@code 192.0.2.7} and {@code ::ffff:192.0.2.7} are the same address,
 * an IPv4 one ({@link #isV4()}), written back as {@code 192.0.2.7}.
 */
public final class IpAddress {

    /** The longest literal accepted: {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}. */
    static final int MAX_LENGTH = 45;
    static final long MAPPED = 0xffffL << 32;

    final long hi;
    final long lo;
    final boolean v4;

    IpAddress(long hi, long lo) {
        this.hi = hi;
        this.lo = lo;
        this.v4 = hi == 0 && (lo & 0xffff_ffff_0000_0000L) == MAPPED;
    }

    /** The address this literal names, or null if it is not one (see {@link #parse}). */
    public static IpAddress tryParse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        return tryParse(text, 0, text.length());
    }

    /**
     * The address this literal names. IPv4: four decimal parts 0–255 without leading zeros (so that
     * {@code 010.0.0.1} is refused rather than read as octal or decimal). IPv6: RFC 4291 text (hex
     * groups of one to four digits, at most one {@code ::}, an IPv4 tail allowed), without zone id or
     * brackets.
     *
     * @throws IllegalArgumentException if it is not such a literal
     */
    public static IpAddress parse(String text) {
        IpAddress address = tryParse(text);
        if (address == null) {
            throw new IllegalArgumentException("is not an IPv4 or IPv6 address");
        }
        return address;
    }

    static IpAddress tryParse(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == ':') {
                return parseV6(text, from, to);
            }
        }
        long v4 = parseV4(text, from, to);
        return v4 < 0 ? null : new IpAddress(0, MAPPED | v4);
    }

    /** Four dotted decimal parts, as an unsigned 32-bit value; -1 if malformed. */
    static long parseV4(String text, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int part = 0;
            while (i < to && isDigit(text.charAt(i))) {
                part = part * 10 + (text.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            if (i == start || (i - start > 1 && text.charAt(start) == '0') || part > 255) {
                return -1;
            }
            value = (value << 8) | part;
            parts++;
            if (i == to) {
                return parts == 4 ? value : -1;
            }
            if (text.charAt(i) != '.' || parts == 4) {
                return -1;
            }
            i++;
        }
    }

    private static IpAddress parseV6(String text, int from, int to) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = from;
        if (to - from >= 2 && text.startsWith("::", from)) {
            gap = 0;
            i += 2;
        }
        while (i < to) {
            if (count == 8) {
                return null;
            }
            int end = i;
            boolean dotted = false;
            while (end < to && text.charAt(end) != ':') {
                dotted |= text.charAt(end) == '.';
                end++;
            }
            if (dotted) {
                long v4 = end == to && count <= 6 ? parseV4(text, i, end) : -1;
                if (v4 < 0) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = end;
                break;
            }
            if (end - i < 1 || end - i > 4) {
                return null;
            }
            int group = 0;
            for (int k = i; k < end; k++) {
                int digit = hexDigit(text.charAt(k));
                if (digit < 0) {
                    return null;
                }
                group = group << 4 | digit;
            }
            groups[count++] = group;
            i = end;
            if (i == to) {
                break;
            }
            i++; // the ':'
            if (i < to && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == to) {
                return null; // a single trailing ':'
            }
        }
        if (gap >= 0) {
            if (count == 8) {
                return null; // '::' must stand for at least one group
            }
            int moved = count - gap;
            System.arraycopy(groups, gap, groups, 8 - moved, moved);
            for (int k = gap; k < 8 - moved; k++) {
                groups[k] = 0;
            }
        } else if (count != 8) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = hi << 16 | groups[k];
            lo = lo << 16 | groups[k + 4];
        }
        return new IpAddress(hi, lo);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** IPv4, written as such or as an IPv4-mapped IPv6 address. */
    public boolean isV4() {
        return v4;
    }

    /** Dotted decimal for IPv4, RFC 5952 for IPv6 (lower case, the longest run of zero groups as '::'). */
    @Override
    public String toString() {
        if (isV4()) {
            return ((lo >>> 24) & 0xff) + "." + ((lo >>> 16) & 0xff) + "." + ((lo >>> 8) & 0xff) + "." + (lo & 0xff);
        }
        int[] groups = new int[8];
        for (int k = 0; k < 4; k++) {
            groups[k] = (int) (hi >>> (48 - 16 * k)) & 0xffff;
            groups[k + 4] = (int) (lo >>> (48 - 16 * k)) & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int k = 0; k < 8; ) {
            if (groups[k] != 0) {
                k++;
                continue;
            }
            int start = k;
            while (k < 8 && groups[k] == 0) {
                k++;
            }
            if (k - start > bestLength) {
                bestStart = start;
                bestLength = k - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                text.append("::");
                k += bestLength - 1;
                continue;
            }
            if (k > 0 && k != bestStart + bestLength) {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[k]));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpAddress address && address.hi == hi && address.lo == lo;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hi) * 31 + Long.hashCode(lo);
    }
}
