/**
 * IP addresses and CIDR blocks, and the client address rule. Depends on no other Tollgate package, so
 * that the access kernel and every feature may use it; only {@code ClientAddress} touches the Servlet
 * API and MicroProfile Config, the rest is plain Java.
 *
 * <p>Decisions:
 * <ul>
 * <li><b>Literals only.</b> Addresses are parsed from their text by hand, never with
 * {@code InetAddress.getByName}, which would resolve a name through DNS. IPv4 is four decimal parts
 * 0–255 without leading zeros ({@code 010.1.1.1} is refused: some parsers read it as octal);
 * IPv6 is RFC 4291 text, hex digits in either case, an IPv4 tail allowed; zone ids ({@code %eth0}),
 * brackets and white space are refused. Addresses are written back in canonical form (RFC 5952 for
 * IPv6, lower case).</li>
 * <li><b>Blocks are strict.</b> A bare address is {@code /32} or {@code /128}; a block with host bits
 * set ({@code 10.0.0.1/8}) is refused, not rounded; a prefix length has no leading zeros.</li>
 * <li><b>IPv4-mapped IPv6 is IPv4.</b> {@code ::ffff:192.0.2.7} is the IPv4 address
 * {@code 192.0.2.7} (a dual-stack socket reports IPv4 peers that way), as a client and in a block
 * ({@code ::ffff:10.0.0.0/104} is stored as {@code 10.0.0.0/8}). The two families never mix: an IPv6
 * block, even {@code ::/0}, contains no IPv4 client, so an allow-list for both lists both.</li>
 * <li><b>Fast matching.</b> An address is two longs; a block holds its two masks; a list is an
 * array, parsed once (a token's list when the token enters the cache) and matched per request with
 * masked comparisons and no allocation beyond parsing the peer's literal.</li>
 * <li><b>Client address.</b> The TCP peer, unless it lies in {@code tollgate.http.trusted-proxies};
 * then the right-most {@code X-Forwarded-For} entry that is not a trusted proxy. The header of an
 * untrusted peer is never read. A malformed entry never fails the request: the walk stops there and
 * the client is the nearest trusted hop to its right (the peer, if the right-most entry is bad), so
 * a garbled header can only make a request look as coming from the proxy, never from an address of
 * the sender's choosing. See {@code TrustedProxies}.</li>
 * </ul>
 */
package io.tollgate.net;
