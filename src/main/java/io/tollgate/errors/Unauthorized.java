package io.tollgate.errors;

/** The caller could not be identified: no, a malformed, or an invalid credential. */
public final class Unauthorized extends DomainException {

    public Unauthorized(String message) {
        super(message);
    }
}
