/**
 * The root credential (spec section 1). Decisions:
 * <ul>
 * <li>Stored as a hash, replaced when {@code TOLLGATE_ROOT_TOKEN} changes, printed once when generated.</li>
 * <li>{@code RootCredentials} is the first {@code CredentialResolver}: root is recognised by its hash
 * before any format rule, as a CDI bean (no EJB call on the request path).</li>
 * <li>A package of its own: it needs tokens (the format) and storage (migrations first), which the
 * access kernel must not.</li>
 * </ul>
 */
package io.tollgate.root;
