/**
 * The audit trail (spec section 7; docs/security.md). Decisions:
 * <ul>
 * <li>An event joins the change's transaction ({@code AuditTrail.action(...).record()},
 * {@code @Transactional(MANDATORY)}): both commit or neither; only logins record alone
 * ({@code REQUIRES_NEW}), since a failed login rolls nothing back.</li>
 * <li>Audit depends on no feature; the project route asks {@code ProjectExistence}, which
 * {@code projects} implements.</li>
 * <li>The actor and address are worked out only when an event is recorded ({@code RequestOrigin}),
 * never per request; outside a request the actor is {@code system}.</li>
 * <li>Never a secret, hash or password in {@code details}; a typed unknown username is recorded as
 * {@code anonymous} (it may be a password); 429s are not recorded, so no one writes rows at will.</li>
 * <li>Events have no foreign keys: they outlive what they name. Retention runs on the container's
 * managed scheduled executor (no runtime-specific API).</li>
 * </ul>
 */
package io.tollgate.audit;
