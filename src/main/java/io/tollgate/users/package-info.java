/**
 * People who log in with a password. Only a salted PBKDF2 hash of the password is stored.
 * <p>
 * Hashing is the container's Jakarta Security {@code Pbkdf2PasswordHash} (Soteria on Payara and on
 * WildFly, whose own Jakarta Security has no such bean: {@code WEB-INF/jboss-deployment-structure.xml}
 * imports its Soteria module's beans, so the WAR stays portable; the format {@code <algorithm>:<iterations>:<salt>:<key>} in
 * standard base64 is the one the API's javadoc documents), not code of our own. {@code Passwords}
 * (an {@code @ApplicationScoped} bean, injected into {@code Users} and {@code Logins}) initialises
 * its own instance with the strength the application always used: PBKDF2WithHmacSHA256, 210 000
 * iterations, 16-byte salt, 32-byte key. The suites' Arquillian servers set
 * {@code tollgate.password.iterations} to the library's minimum (1 024): they hash by the hundred, and a
 * stored hash records its count, so verifying is unchanged.
 * <p>
 * Hashes stored before (format {@code pbkdf2-sha256$<iterations>$<salt>$<key>}, unpadded base64) are
 * the same derivation: {@code Passwords} rewrites them into the library's format and lets the library
 * verify them, so no legacy verifier is kept. Rows are not migrated and a successful login does not
 * re-hash: both formats have the same strength, so re-hashing would buy only uniformity, at the price
 * of a write on the login path. The day the strength is raised, that re-hash belongs in {@code Logins}.
 * <p>
 * An unknown user is checked against a decoy hash made at start with the same parameters, so that it
 * costs the same time as a wrong password; a stored value that cannot be read matches no password.
 */
package io.tollgate.users;
