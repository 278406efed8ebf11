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
 */
package io.tollgate.access;
