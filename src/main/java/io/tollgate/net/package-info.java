/**
 * IP addresses, CIDR blocks and the client address rule; plain Java but {@code ClientAddress}, and
 * dependent on no other Tollgate package. Decisions:
 * <ul>
 * <li>Literals only, parsed by hand: never {@code InetAddress.getByName}, which may ask DNS; no leading
 * zeros (octal), no zone ids, no brackets; written back canonical (RFC 5952).</li>
 * <li>Blocks are strict: host bits set is refused, not rounded.</li>
 * <li>IPv4-mapped IPv6 is IPv4; the two families never mix ({@code ::/0} holds no IPv4 client).</li>
 * <li>An address is two longs and a list is parsed once, so matching allocates nothing.</li>
 * <li>The client is the TCP peer, or behind a trusted proxy the right-most untrusted
 * {@code X-Forwarded-For} entry; a malformed entry stops the walk, so a garbled header can only make a
 * request look as coming from the proxy ({@code TrustedProxies}).</li>
 * <li>Failures are throttled per client address by one bounded counter ({@code AddressThrottle}): logins
 * across usernames, broker hook keys.</li>
 * </ul>
 */
package io.tollgate.net;
