/**
 * Who is calling and what they may do: the shared kernel every feature depends on and which depends
 * on no feature (only on the infrastructure package problems, for the error type). It holds
 * {@code Role}, {@code Scope}, {@code @Allow}/{@code @Public}, a minimal {@code Caller}, the role
 * table ({@code AccessPolicy}), the two filters, and two service interfaces that features implement
 * as CDI beans so that access imports none of them: {@code CredentialResolver} (root in
 * {@code io.tollgate.root}, project tokens in {@code tokens}, JWTs in {@code auth}; collected once at
 * start, asked in priority order) and {@code MembershipRoles} (in {@code members}).
 *
 * <p>{@code AuthenticationFilter} resolves the bearer credential: root by hash first, then
 * well-formed {@code tg_} tokens (the checksum is checked before any query), then JWTs; anything
 * else is refused without a query. A kind answers a {@code Resolution}: the {@code Caller}, or a
 * {@code Refusal} (reason and token id) when it recognises the credential but will not accept it
 * (suspended, expired, rotated out, revoked: spec section 6); the 401 then carries that reason in
 * {@code info.reason}, {@code invalid} for everything else, and the refusal stays on the request
 * ({@code boundary.Authentication}) for whoever records refused uses. A caller carrying an
 * IP allow-list (a project token's {@code allowed_ips}) is then matched against the client address
 * ({@code io.tollgate.net.ClientAddress}, the one rule of the trusted proxies): outside it, 403 with
 * {@code info.reason} {@code ip_not_allowed}. {@code AuthorizationFeature} binds each resource method's
 * {@code @Allow} (least role and scope) at startup and applies {@code AccessPolicy}, the role table
 * of the contract; a method without {@code @Allow} or {@code @Public} is closed. A method whose
 * {@code @Allow} says it writes credentials is refused first to a caller presenting a previous secret
 * (kept working only for a rotation's grace: 403 {@code previous_secret}, spec section 6). Resources never
 * check roles themselves. OPTIONS of a route is the one request no resource method declares: it
 * needs a caller and answers 204 with an {@code Allow} of only the route's methods that caller
 * may call, or the 403 they would all answer, so it reveals nothing a caller could not learn by
 * trying them. {@code OptionsRequests} answers it before routing, from the routes
 * {@code AuthorizationFeature} collected, because the runtimes differ there: Jersey (Payara) routes
 * OPTIONS to a handler it generates, where filters run, RESTEasy (WildFly) answers it itself while
 * matching (200 {@code text/plain}, no filter).
 *
 * <p><b>One authentication pass, in the JAX-RS filter.</b> The {@code Authorization} header is read
 * by {@code BearerCredential} only (scheme in any case, one or more spaces: RFC 7235), once per
 * request, and the credential is hashed once ({@code CallerResolver}, {@code CredentialHash}): root,
 * project token, or JWT, which Tollgate verifies itself with nimbus ({@code auth.control.JwtVerifier}).
 * The layer is the JAX-RS {@code AuthenticationFilter} and not a servlet-level Jakarta Security
 * mechanism because only {@code /api} takes credentials, the filter's refusals go through the one
 * JSON error mapper, and nothing else needs a container principal. Payara's MicroProfile JWT
 * mechanism is therefore not enabled (no {@code @LoginConfig}): it saw every Bearer value before the
 * application, accepted only {@code Bearer} with a capital B, ignored {@code nbf}, and logged a 5 KB
 * stack trace per bad JWT; now no credential reaches the runtime's JWT code at all, and a bad one
 * costs no log line.
 */
package io.tollgate.access;
