package io.tollgate.problems.boundary;

import io.tollgate.problems.entity.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bean Validation's field rules in the error body: 400 {@code VALIDATION_FAILED}, {@code info.field} the
 * JSON name (snake_case) of one broken field and the message naming it. Several violations come in no
 * order, so the first field in the request record's declaration order is reported, the same field on
 * every call.
 */
@Provider
public class ConstraintViolationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        return ProblemResponses.of(problemOf(exception));
    }

    public static Problem problemOf(ConstraintViolationException exception) {
        ConstraintViolation<?> first = exception.getConstraintViolations().stream()
                .min(Comparator.<ConstraintViolation<?>>comparingInt(ConstraintViolationExceptionMapper::declarationIndex)
                        .thenComparing(v -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .orElse(null);
        if (first == null) {
            return new Problem(400, "VALIDATION_FAILED", "request is not valid", Map.of());
        }
        String field = jsonName(leaf(first));
        return new Problem(400, "VALIDATION_FAILED", field + " " + first.getMessage(), Map.of("field", field));
    }

    /** The last named node: the record component (or the property a class-level rule points at). */
    static String leaf(ConstraintViolation<?> violation) {
        String name = "";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null && (node.getKind() == ElementKind.PROPERTY
                    || node.getKind() == ElementKind.PARAMETER)) {
                name = node.getName();
            }
        }
        return name;
    }

    /** {@code validDate} is {@code valid_date} on the wire. */
    static String jsonName(String property) {
        return property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static int declarationIndex(ConstraintViolation<?> violation) {
        Class<?> type = violation.getLeafBean() == null ? violation.getRootBeanClass() : violation.getLeafBean().getClass();
        if (type.isRecord()) {
            List<String> names = Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getName).toList();
            int index = names.indexOf(leaf(violation));
            if (index >= 0) {
                return index;
            }
        }
        return Integer.MAX_VALUE;
    }
}
