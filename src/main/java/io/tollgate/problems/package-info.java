/**
 * The one error body ({@code message, code, status, info}) and every path that produces it:
 * the domain's exceptions ({@code io.tollgate.errors}, which know no HTTP: only the mapper here
 * gives them a status), Bean Validation's field rules (400 naming the first broken field in
 * {@code info.field}, see {@code io.tollgate.requests}), what JAX-RS rejects (404, 405, 415, ...), the servlet container's own errors (web.xml error pages), and the last resort: a 503 while the database is
 * unreachable, else a 500 whose {@code info.error_id} is repeated in the one log line with details.
 */
package io.tollgate.problems;
