package io.tollgate.net;

/**
 * A CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address is a single-address block
 * ({@code /32} or {@code /128}). Strict: no host bits set ({@code 10.0.0.1/8} is refused, not
 * rounded down), prefix lengths in decimal without leading zeros, no white space, no zone id.
 * <p>
 * IPv4 and IPv6 are separate families: an IPv4 block contains IPv4 addresses only, whether the client
 * came as {@code 192.0.2.7} or as {@code ::ffff:192.0.2.7} (how a dual-stack socket reports it), and an
 * IPv6 block never contains an IPv4 client, not even {@code ::/0}. A block written in the IPv4-mapped
 * form is the IPv4 block it stands for ({@code ::ffff:10.0.0.0/104} is {@code 10.0.0.0/8}).
 * Containment is two masked comparisons of longs.
 */
public final class Cidr {

    private final IpAddress network;
    /** Prefix length over all 128 bits (an IPv4 /8 is 104). */
    private final int bits;
    private final long maskHi;
    private final long maskLo;
    private final long hi;
    private final long lo;
    private final boolean v4;

    private Cidr(IpAddress network, int bits) {
        this.network = network;
        this.bits = bits;
        this.hi = network.hi;
        this.lo = network.lo;
        this.v4 = network.v4;
        this.maskHi = bits == 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
        this.maskLo = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
    }

    /** The single-address block of {@code address}. */
    public static Cidr of(IpAddress address) {
        return new Cidr(address, 128);
    }

    /**
     * The block this text names.
     *
     * @throws IllegalArgumentException with a message for the client if it names none
     */
    public static Cidr parse(String text) {
        if (text == null || text.isEmpty() || text.length() > IpAddress.MAX_LENGTH + 4) {
            throw new IllegalArgumentException("is not an IPv4 or IPv6 address or CIDR block");
        }
        int slash = text.indexOf('/');
        IpAddress address = IpAddress.tryParse(text, 0, slash < 0 ? text.length() : slash);
        if (address == null) {
            throw new IllegalArgumentException("is not an IPv4 or IPv6 address or CIDR block");
        }
        if (slash < 0) {
            return of(address);
        }
        boolean writtenAsV6 = text.lastIndexOf(':', slash) >= 0;
        int max = writtenAsV6 ? 128 : 32;
        int prefix = prefixLength(text, slash + 1, max);
        int bits = writtenAsV6 ? prefix : prefix + 96;
        if (address.isV4() && bits < 96) {
            // an IPv4-mapped network with a shorter prefix always has host bits set (the ffff)
            throw new IllegalArgumentException("has host bits set");
        }
        Cidr block = new Cidr(address, bits);
        if ((address.hi & ~block.maskHi) != 0 || (address.lo & ~block.maskLo) != 0) {
            throw new IllegalArgumentException("has host bits set");
        }
        return block;
    }

    private static int prefixLength(String text, int from, int max) {
        int length = text.length() - from;
        if (length < 1 || length > 3 || (length > 1 && text.charAt(from) == '0')) {
            throw new IllegalArgumentException("has a prefix length that is not a number from 0 to " + max);
        }
        int value = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("has a prefix length that is not a number from 0 to " + max);
            }
            value = value * 10 + (c - '0');
        }
        if (value > max) {
            throw new IllegalArgumentException("has a prefix length that is not a number from 0 to " + max);
        }
        return value;
    }

    public boolean isV4() {
        return v4;
    }

    /** The prefix length in the block's own family (0–32 for IPv4, 0–128 for IPv6). */
    public int prefixLength() {
        return isV4() ? bits - 96 : bits;
    }

    public boolean contains(IpAddress address) {
        return address.v4 == v4 && (address.lo & maskLo) == lo && (address.hi & maskHi) == hi;
    }

    /** Every address of {@code block} lies in this one. */
    public boolean contains(Cidr block) {
        return block.bits >= bits && contains(block.network);
    }

    /** Canonical: {@code 192.0.2.7/32}, {@code 10.0.0.0/8}, {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return network + "/" + prefixLength();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr block && block.bits == bits && block.network.equals(network);
    }

    @Override
    public int hashCode() {
        return network.hashCode() * 31 + bits;
    }
}
