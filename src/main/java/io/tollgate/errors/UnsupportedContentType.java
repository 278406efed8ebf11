package io.tollgate.errors;

/** The request body is declared in a format the server does not read (only JSON is read). */
public final class UnsupportedContentType extends DomainException {

    public UnsupportedContentType(String message) {
        super(message);
    }
}
