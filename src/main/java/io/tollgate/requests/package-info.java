/**
 * Reading request bodies: at most 64 KiB (413 before anything else runs), one JSON object, strict
 * types (a number is never a string), and no unknown fields, so a misspelt field cannot silently
 * fall back to a default.
 *
 * <p>Strict bodies (spec section 8), decided here so that every endpoint gets them:
 * <ul>
 * <li>The content type is {@code application/json} itself (case-insensitive, parameters allowed);
 * wildcards, which JAX-RS {@code @Consumes} would accept, and a body without a content type are a
 * 415. A {@code charset} parameter changes nothing: JSON is UTF-8 (RFC 8259).</li>
 * <li>Bytes that are not UTF-8 (surrogates encoded as bytes included), an escape that leaves half a
 * surrogate pair, and a key repeated in one object are a 400 {@code MALFORMED_REQUEST}, never a
 * replacement character or a silently dropped value.</li>
 * <li>Nesting stops at 32 levels and numbers at 100 characters, checked while streaming with an
 * explicit stack: the JSON-P runtime's own limits (1000 levels, 1100 digits) throw unchecked
 * exceptions that became a 500 with a logged stack trace, for a request without credential.</li>
 * <li>Names (projects, brokers, tokens) are stored in Unicode NFC, so that "e" followed by U+0301 and
 * U+00E9 are the same name for length and uniqueness; format characters (Unicode
 * category Cf: zero-width, joiners, bidi controls, BOM, soft hyphen, tags) and line/paragraph
 * separators are refused anywhere in a name, so that look-alikes cannot sit side by side. This also
 * refuses emoji sequences joined by U+200D.</li>
 * </ul>
 */
package io.tollgate.requests;
