package io.tollgate.errors;

/** The request body is longer than {@code limit} bytes. */
public final class TooLarge extends DomainException {

    private final long limit;

    public TooLarge(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
