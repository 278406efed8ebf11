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
 *
 * <p>Who checks what, in this order (the first failure answers):
 * <ol>
 * <li><b>The strict reader</b> ({@code JsonObjectReader}, then {@link io.tollgate.requests.control.RequestRecords}
 * mapping the object to a request record such as {@code ProjectRequest} or {@code TokenBody}, each
 * component the field of its snake_case name, read by {@code JsonFields}): what
 * JSON-B cannot promise. A JSON type is never coerced ({@code 42} is not a name), {@code null} is absent,
 * an unknown field is a 400 naming it. Failures are {@code InvalidField}.</li>
 * <li><b>Bean Validation</b> on the record, run by {@link io.tollgate.requests.control.RequestValidator}
 * from the resource: the field rules, as annotations on the record components ({@code @NotNull},
 * {@code @Pattern}, and the contract's own {@code @Text} (code points after NFC, no control or
 * invisible format characters), {@code @CodePoints}, {@code @BrokerUrlValue}, {@code @RequestableRole},
 * {@code @BrokersMatchType}). One {@code ConstraintViolationException} mapper answers 400 with the
 * snake_case name of the first broken field in declaration order, so the answer does not depend on the
 * order the validator reports in. The validator is called rather than {@code @Valid} on a parameter
 * because the record is made inside the method from the strict reader's object, and a record
 * component's name is the same on every runtime where a parameter's path is not.</li>
 * <li><b>The boundaries</b>: rules that need the database or the clock (a unique name is a 409, the
 * brokers of a restricted token belong to the project, {@code valid_date} lies between now and what its
 * creator may grant), as domain exceptions.</li>
 * </ol>
 * Names are normalised (white space stripped, NFC) in the record's compact constructor, before they are
 * validated and stored; line and paragraph separators are not stripped, so that they are refused instead
 * of silently dropped. Passwords are never normalised.
 */
package io.tollgate.requests;
