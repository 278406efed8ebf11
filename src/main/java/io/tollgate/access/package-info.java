/**
 * Who is calling and what they may do: the kernel every feature depends on. Decisions:
 * <ul>
 * <li>It knows no feature: credential kinds plug in as {@code CredentialResolver} beans (root, then
 * project tokens, then JWTs) and {@code members} answers {@code MembershipRoles}.</li>
 * <li>One authentication pass, in the JAX-RS {@code AuthenticationFilter}, not a servlet-level
 * mechanism: only {@code /api} takes credentials, refusals go through the one error mapper, and no
 * credential reaches the runtime's JWT code (Payara's MP-JWT mechanism is off). The header is parsed
 * once ({@code BearerCredential}, scheme in any case) and hashed once.</li>
 * <li>Fail closed: {@code AuthorizationFeature} binds each method's {@code @Allow} (least role and
 * scope) and applies {@code AccessPolicy}, the contract's role table; a method without {@code @Allow}
 * or {@code @Public} is closed, and resources never check roles themselves.</li>
 * <li>A refusal the kind recognises (expired, suspended, rotated, revoked) is the 401's
 * {@code info.reason}, else {@code invalid}; an IP allow-list is matched after authentication (403
 * {@code ip_not_allowed}); a previous secret is refused every {@code writesCredentials} method.</li>
 * <li>OPTIONS of a route is one rule ({@code OptionsRequests}, before routing, alike on Jersey and
 * RESTEasy): 204 with the route's declared methods, to every caller alike; the public OpenAPI document
 * and every 405 name the same methods, so a per-caller list hid nothing.</li>
 * </ul>
 */
package io.tollgate.access;
