/**
 * People: password login ({@code Logins}) and the session JWTs it hands out, minted with nimbus
 * ({@code SessionTokens}, RS256 with {@code JwtKeys}) and verified, like an external identity
 * provider's, by {@code JwtVerifier} from the standard {@code mp.jwt.verify.*} keys.
 * {@code JwtCredentials} is the JWTs' {@code access.control.CredentialResolver} (asked after root
 * and project tokens); it turns a verified JWT into a person's {@code Caller}.
 *
 * <p>Decisions. JWT times: {@code exp} and {@code nbf} are enforced, {@code iat} may not lie in the
 * future, each with {@code mp.jwt.verify.clock.skew} seconds of tolerance (default 60, the difference
 * between servers' clocks NTP keeps well under). Login throttle: 10 failures of one username from
 * one client address (the {@code net.ClientAddress} rule: behind a trusted proxy, the forwarded
 * client) per minute lock that pair for one minute, so an attacker's address cannot lock the user out
 * elsewhere; 100 failures of one username from all addresses per 15 minutes lock it everywhere until
 * those 15 minutes end (distributed guessing is held to 100 guesses per 15 minutes, and locking a
 * user out takes more than 100 failures from several addresses and ends within 15 minutes of the
 * attack). Password spraying (one address, many usernames): 30 failures from one address within a
 * minute ({@code tollgate.auth.login.max-failures-per-address}; the minute starts at the address's
 * first attempt) refuse every login from that address until the minute ends, the right password
 * included, so the refusal is no oracle; a success does not reset the address's count (a sprayer's
 * own account would), it only takes its own attempt back. 429 carries {@code Retry-After}. The
 * throttle's maps are bounded (50 000 entries each) and usernames longer than 64 characters are never
 * tracked (they are refused unchecked, so they guess nothing). Every checked login leaves an audit
 * event, committed on its own though the login fails ({@code login.success}, {@code login.failure},
 * {@code login.locked} when a failure starts a lock, its {@code details.scope} {@code username} or
 * {@code address}; see {@code io.tollgate.audit}); a 429 and an over-long username leave none.
 */
package io.tollgate.auth;
