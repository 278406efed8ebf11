/**
 * The audit trail of spec section 7: one event per change, who did it, from where, and when.
 * <p>
 * <b>One API, in the change's transaction.</b> Every feature records through
 * {@code AuditTrail.action(...)...record()}, which persists the event with the same persistence unit
 * under {@code @Transactional(MANDATORY)}: it joins the change's JTA transaction, so the change and
 * its event commit together or not at all, and a call outside a transaction fails instead of writing
 * an orphan event. Only login events use {@code recordAlone()} (REQUIRES_NEW): a failed login rolls
 * nothing back but must still leave its event. Features depend on audit; audit depends on no feature
 * (the access kernel and infrastructure only). The project route asks {@code ProjectExistence},
 * implemented by projects, the way access asks members for roles.
 * <p>
 * <b>Actor and address.</b> {@code control.RequestOrigin}, created only when a request records an
 * event (nothing runs per request), reads the caller the authentication filter left on the request
 * and takes its {@code issuer()} form ({@code root}, a username, {@code token:<name>}) and the client
 * address for the request; an entry may name its actor instead ({@code anonymous} for a failed login
 * of a username that does not exist: the typed name may be a password and is never recorded;
 * {@code leak-report}; the username of a login). Outside any API request the actor is {@code system}.
 * The address follows the client address rule of section 6 ({@code net.ClientAddress}: the TCP peer,
 * or behind a trusted proxy the forwarded client), worked out only when an event is recorded.
 * <p>
 * A request that changes nothing (a membership put with the role it has, a broker update with the same
 * name and URL) records no event, as section 6 says of suspending a suspended token.
 * <p>
 * <b>Details</b> are a JSON object of what changed (a role, a type, broker ids, old and new values of
 * an update), never a secret, a hash or a password; stored as text of at most 8000 characters (a
 * longer one is stored as {@code {"truncated":true}}: an event never makes its change fail).
 * <p>
 * <b>Logins.</b> {@code login.success}, {@code login.failure} (also for an unknown username, as
 * {@code anonymous}) and {@code login.locked} when a failure starts a lockout (once per lock, not per
 * refused attempt; parallel guesses whose checks end after the lock began may each add one). Attempts refused by an existing lock (429) and usernames longer than any user can
 * have are not recorded: they cost the server no password check, and recording them would let anyone
 * without a credential write rows at will.
 * <p>
 * <b>Deleted things.</b> Events have no foreign keys and outlive what they name: the trail of a
 * deleted project (its {@code project.delete} included) stays in {@code GET /api/audit} and in its
 * project route for root; an id that is neither a project nor named by an event is a 404 there.
 * <p>
 * <b>Paging and retention.</b> Newest first by {@code at} (then id, so pages are stable);
 * {@code before} is exclusive epoch ms. {@code AuditRetention} deletes events older than
 * {@code tollgate.audit.retention} (P365D) hourly in chunks of 1000 rows, on the container's default
 * managed scheduled executor (Jakarta Concurrency, no runtime-specific API).
 */
package io.tollgate.audit;
