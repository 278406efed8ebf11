/**
 * People who log in with a password. Decisions:
 * <ul>
 * <li>Hashing is the container's Jakarta Security {@code Pbkdf2PasswordHash} (on WildFly its Soteria
 * module's, imported by {@code jboss-deployment-structure.xml}), not code of our own: PBKDF2-HMAC-SHA256,
 * 210 000 iterations, 16-byte salt, 32-byte key.</li>
 * <li>Older hashes ({@code pbkdf2-sha256$…}) are the same derivation, rewritten into the library's
 * format when read: no legacy verifier, no migration, no re-hash on login (same strength).</li>
 * <li>An unknown user is checked against a decoy hash, so it costs the time of a wrong password.</li>
 * </ul>
 */
package io.tollgate.users;
