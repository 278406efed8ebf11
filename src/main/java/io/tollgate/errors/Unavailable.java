package io.tollgate.errors;

/** A dependency (the database) is out of reach; the request changed nothing and may be retried. */
public final class Unavailable extends DomainException {

    public Unavailable(String message) {
        super(message);
    }
}
