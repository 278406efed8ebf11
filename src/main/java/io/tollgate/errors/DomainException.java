package io.tollgate.errors;

/** A failure the caller caused or may be told about; its message is written for the client. */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidField, Malformed, NotFound, Conflict, LimitReached, Forbidden, Unauthorized, TooLarge, TooManyAttempts,
        Unavailable, UnsupportedContentType {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
