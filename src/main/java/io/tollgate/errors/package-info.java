/**
 * What went wrong, in domain terms: a field is invalid, a thing is not found, a name is taken, a
 * caller is not allowed. These exceptions carry no HTTP status; only {@code problems} turns them into
 * a status and the error body, so entities and control classes stay free of HTTP. This package
 * depends on no feature, so every feature may throw them. They are unchecked (CDI
 * {@code @Transactional} rolls back on them) and skip the stack trace: they are outcomes, not bugs,
 * and their message goes to the client, so it never carries a secret.
 */
package io.tollgate.errors;
