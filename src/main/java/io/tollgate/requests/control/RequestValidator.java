package io.tollgate.requests.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;

/**
 * Reads a request body into its record ({@link RequestRecords}) and runs Bean Validation on it.
 * Called by the resource rather than {@code @Valid} on a parameter: the record is made from the strict reader's {@code JsonObject}
 * inside the method, and the leaf of the property path names the record component the same way on
 * every runtime (a parameter path would carry {@code arg0} or the parameter name, depending on it).
 */
@ApplicationScoped
public class RequestValidator {

    @Inject
    Validator validator;

    /** The body as a valid request record: the strict reader's 400, or Bean Validation's, or the record. */
    public <R extends Record> R read(JsonObject body, Class<R> type) {
        return valid(RequestRecords.read(body, type));
    }

    /** The request itself, or a {@link ConstraintViolationException} naming every rule it breaks. */
    public <T> T valid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }
}
