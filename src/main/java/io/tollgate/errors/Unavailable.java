package io.tollgate.errors;

/**
 * Tollgate cannot serve the request now (the database is out of reach, the application is starting or
 * stopping); the request changed nothing and may be retried, after {@code retryAfterSeconds} when known.
 */
public final class Unavailable extends DomainException {

    private final long retryAfterSeconds;

    public Unavailable(String message) {
        this(message, 0);
    }

    public Unavailable(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** When to try again, in seconds; 0 when nothing is known. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
