/**
 * The root credential (spec section 1): stored as a hash in the database, replaced when
 * TOLLGATE_ROOT_TOKEN changes, minted in the project token format ({@code tokens.control.TokenSecrets})
 * and printed once when none exists. {@code RootCredentials} is the first
 * {@code access.control.CredentialResolver} (root is recognised by its hash before any format rule),
 * a CDI bean (no EJB call on the request path) created at start. A package of its own because it
 * needs tokens (the format) and storage (migrations first), which the access kernel must not.
 */
package io.tollgate.root;
