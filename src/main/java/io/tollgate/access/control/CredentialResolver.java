package io.tollgate.access.control;

import io.tollgate.access.entity.Resolution;

/**
 * One kind of credential (root, project token, JWT), contributed as a CDI bean by the feature that
 * owns it, so that access needs none of them. {@link CallerResolver} asks them in {@link #priority()}
 * order, once per request, and takes the first caller one of them answers.
 */
public interface CredentialResolver {

    /** Root first: it is recognised by its hash before any format rule applies (spec section 1). */
    int ROOT = 100;
    /** Then well-formed project tokens, looked up by hash. */
    int PROJECT_TOKENS = 200;
    /** Then JWTs. */
    int JWTS = 300;

    /** Lower runs first. */
    int priority();

    /**
     * The caller {@code credential} names; or a refusal when it is of this kind but does not work
     * (yet the kind may say why: suspended, expired, ...); or null if it is not one of this kind (or
     * the kind does not say why). Must not touch the database for a credential that is not of its kind.
     *
     * @param hash {@link CredentialHash} of the credential, computed once for all kinds
     */
    Resolution resolve(String credential, String hash, long now);
}
