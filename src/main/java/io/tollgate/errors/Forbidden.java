package io.tollgate.errors;

/** The caller is known but may not do this; {@code reason} (or null) says why, for the client (spec section 6). */
public final class Forbidden extends DomainException {

    /** The credential is used from an address its allow-list does not name. */
    public static final String IP_NOT_ALLOWED = "ip_not_allowed";

    /** A secret kept working only for a rotation's grace may not act on tokens. */
    public static final String PREVIOUS_SECRET = "previous_secret";

    /** The request would hand the caller more than it has itself (a rotated secret beyond its limits). */
    public static final String ESCALATION = "escalation";

    private final String reason;

    public Forbidden(String message) {
        this(message, null);
    }

    public Forbidden(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** A machine-readable reason for {@code info.reason}, or null. */
    public String reason() {
        return reason;
    }
}
