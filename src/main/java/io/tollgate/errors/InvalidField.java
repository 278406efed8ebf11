package io.tollgate.errors;

/** A value the request gave for {@code field} breaks a rule. */
public final class InvalidField extends DomainException {

    private final String field;

    public InvalidField(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
