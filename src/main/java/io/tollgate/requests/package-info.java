/**
 * Reading request bodies: at most 64 KiB (413 before anything else runs), one JSON object, strict
 * types (a number is never a string), and no unknown fields, so a misspelt field cannot silently
 * fall back to a default.
 */
package io.tollgate.requests;
