package io.tollgate.errors;

/**
 * The caller could not be identified: no, a malformed, or an invalid credential. {@code reason} is
 * the 401's {@code info.reason} (spec section 6): {@code invalid} unless the credential kind said why.
 */
public final class Unauthorized extends DomainException {

    public static final String INVALID = "invalid";

    private final String reason;

    public Unauthorized(String message) {
        this(message, INVALID);
    }

    public Unauthorized(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
