package io.tollgate.problems.boundary;

import io.tollgate.errors.Conflict;
import io.tollgate.errors.DomainException;
import io.tollgate.errors.Forbidden;
import io.tollgate.errors.InvalidField;
import io.tollgate.errors.LimitReached;
import io.tollgate.errors.Malformed;
import io.tollgate.errors.NotFound;
import io.tollgate.errors.TooLarge;
import io.tollgate.errors.TooManyAttempts;
import io.tollgate.errors.Unauthorized;
import io.tollgate.errors.Unavailable;
import io.tollgate.errors.UnsupportedContentType;
import io.tollgate.problems.entity.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** The domain's failures in the error body: the one place that gives each of them its status and code. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public Response toResponse(DomainException exception) {
        return ProblemResponses.of(problemOf(exception));
    }

    /** The status, code and info the contract gives this failure. */
    public static Problem problemOf(DomainException exception) {
        String message = exception.getMessage();
        if (exception instanceof InvalidField invalid) {
            return new Problem(400, "VALIDATION_FAILED", message, Map.of("field", invalid.field()));
        }
        if (exception instanceof Malformed) {
            return new Problem(400, "MALFORMED_REQUEST", message, Map.of());
        }
        if (exception instanceof Unauthorized unauthorized) {
            return new Problem(401, "UNAUTHORIZED", message, Map.of("reason", unauthorized.reason()));
        }
        if (exception instanceof Forbidden forbidden) {
            return forbidden.reason() == null ? Problem.of(403, message)
                    : new Problem(403, "FORBIDDEN", message, Map.of("reason", forbidden.reason()));
        }
        if (exception instanceof NotFound) {
            return Problem.of(404, message);
        }
        if (exception instanceof Conflict conflict) {
            return new Problem(409, "CONFLICT", message, Map.of("field", conflict.field()));
        }
        if (exception instanceof LimitReached full) {
            return new Problem(409, full.code(), message, Map.of("limit", Long.toString(full.limit())));
        }
        if (exception instanceof TooLarge tooLarge) {
            return new Problem(413, "PAYLOAD_TOO_LARGE", message, Map.of("limit", Long.toString(tooLarge.limit())));
        }
        if (exception instanceof UnsupportedContentType) {
            return Problem.of(415, message);
        }
        if (exception instanceof TooManyAttempts throttled) {
            return new Problem(429, "TOO_MANY_REQUESTS", message,
                    Map.of("retry_after_seconds", Long.toString(throttled.retryAfterSeconds())));
        }
        if (exception instanceof Unavailable unavailable) {
            return unavailable.retryAfterSeconds() > 0
                    ? new Problem(503, "SERVICE_UNAVAILABLE", message,
                            Map.of("retry_after_seconds", Long.toString(unavailable.retryAfterSeconds())))
                    : Problem.of(503, message);
        }
        throw new IllegalStateException("no problem for " + exception.getClass().getName());
    }
}
