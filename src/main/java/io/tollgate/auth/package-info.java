/**
 * People: password login ({@code Logins}) and session JWTs, minted with nimbus ({@code SessionTokens},
 * RS256) and verified like an external provider's by {@code JwtVerifier}. Decisions:
 * <ul>
 * <li>Tollgate verifies JWTs itself from the standard {@code mp.jwt.verify.*} keys ({@code exp},
 * {@code nbf}, {@code iat} with {@code mp.jwt.verify.clock.skew}), so a bad JWT costs no log line.</li>
 * <li>An identity provider's JWK set URL is fetched lazily (the provider may start after Tollgate), with
 * bounded timeouts and size, cached, and refetched for an unknown {@code kid} at most twice per 30 s: a
 * provider that is down makes its tokens 401, never 500; a malformed URL stops the start with one line.</li>
 * <li>The login throttle keys on (username, address), username, and address (password spraying),
 * so an attacker cannot lock a user out from elsewhere; the numbers are in docs/security.md.</li>
 * <li>A success takes back only its own attempt; a login that could not be checked (an outage) takes
 * its attempt back too. The maps are bounded; over-long usernames are refused untracked.</li>
 * </ul>
 */
package io.tollgate.auth;
