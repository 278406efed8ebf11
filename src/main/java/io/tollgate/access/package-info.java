/**
 * Who is calling and what they may do. {@code AuthenticationFilter} resolves the bearer credential
 * (root by hash first, then well-formed {@code tg_} tokens; anything else is refused without a
 * query). {@code AuthorizationFeature} binds each resource method's {@code @Allow} (least role and
 * scope) at startup and applies {@code AccessPolicy}, the role table of the contract; a method
 * without {@code @Allow} or {@code @Public} is closed. Resources never check roles themselves.
 * The runtime's automatic OPTIONS is the one generated handler that opens: it needs a caller and
 * answers 204 with an {@code Allow} of only the route's methods that caller may call, or the 403
 * they would all answer, so it reveals nothing a caller could not learn by trying them.
 * The root credential lives as a hash in the database and is replaced when TOLLGATE_ROOT_TOKEN changes.
 *
 * <p><b>One authentication pass, in the JAX-RS filter.</b> The {@code Authorization} header is read
 * by {@code BearerCredential} only (scheme in any case, one or more spaces: RFC 7235), once per
 * request, and the credential is hashed once ({@code CallerResolver}): root, project token, or JWT,
 * which Tollgate verifies itself with nimbus ({@code auth.control.JwtVerifier}). The layer is the
 * JAX-RS {@code AuthenticationFilter} and not a servlet-level Jakarta Security mechanism because
 * only {@code /api} takes credentials, the filter's refusals go through the one JSON error mapper,
 * and nothing else needs a container principal. Payara's MicroProfile JWT mechanism is therefore not
 * enabled (no {@code @LoginConfig}): it saw every Bearer value before the application, accepted only
 * {@code Bearer} with a capital B, ignored {@code nbf}, and logged a 5 KB stack trace per bad JWT;
 * now no credential reaches the runtime's JWT code at all, and a bad one costs no log line.
 * {@code RootCredentials} is a CDI bean (no EJB call on the request path), created at start.
 */
package io.tollgate.access;
