package io.tollgate.errors;

/** Too many failed attempts (logins); the next one is heard after {@code retryAfterSeconds}. */
public final class TooManyAttempts extends DomainException {

    private final long retryAfterSeconds;

    public TooManyAttempts(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
