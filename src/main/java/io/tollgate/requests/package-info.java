/**
 * Reading request bodies strictly, for every endpoint alike (spec section 8). Decisions:
 * <ul>
 * <li>At most 64 KiB (413 first); content type {@code application/json} itself, no wildcards (415).</li>
 * <li>Not UTF-8, half a surrogate pair, or a repeated key is a 400 {@code MALFORMED_REQUEST}, never a
 * replacement character or a dropped value.</li>
 * <li>Nesting (32) and number length (100) are checked while streaming: the JSON-P runtime's own
 * limits threw unchecked exceptions that became 500s.</li>
 * <li>Names are NFC, and format characters and line separators are refused, so look-alikes cannot
 * sit side by side; passwords are never normalised.</li>
 * <li>Order of checks: the strict reader (no type coercion, unknown fields refused), then Bean
 * Validation on the request record (called by {@code RequestValidator}, first broken field in
 * declaration order), then the boundaries' rules that need the database or the clock.</li>
 * </ul>
 */
package io.tollgate.requests;
