package io.tollgate.errors;

/** What the request names does not exist (or is not visible to the caller). */
public final class NotFound extends DomainException {

    public NotFound(String message) {
        super(message);
    }
}
