package io.tollgate.errors;

/** The request body is not a readable JSON object (not about one field). */
public final class Malformed extends DomainException {

    public Malformed(String message) {
        super(message);
    }
}
