package io.tollgate.errors;

/** The request clashes with what is stored (a taken name, a concurrent change), about {@code field}. */
public final class Conflict extends DomainException {

    private final String field;

    public Conflict(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
