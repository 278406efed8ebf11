package io.tollgate.errors;

import java.util.Locale;

/**
 * A count the configuration bounds is full: one more {@code thing} (e.g. {@code token}, per project)
 * would go beyond {@code limit}. Nothing was created.
 */
public final class LimitReached extends DomainException {

    private final String thing;
    private final long limit;

    public LimitReached(String thing, long limit, String message) {
        super(message);
        this.thing = thing;
        this.limit = limit;
    }

    /** What is counted, in lower case: {@code token}. */
    public String thing() {
        return thing;
    }

    public long limit() {
        return limit;
    }

    /** The error code naming it: {@code TOKEN_LIMIT_REACHED}. */
    public String code() {
        return thing.toUpperCase(Locale.ROOT) + "_LIMIT_REACHED";
    }
}
