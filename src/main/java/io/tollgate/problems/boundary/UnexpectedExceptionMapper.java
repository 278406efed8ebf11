package io.tollgate.problems.boundary;

import io.tollgate.errors.DomainException;
import io.tollgate.errors.Unavailable;
import io.tollgate.problems.entity.Problem;
import io.tollgate.storage.boundary.DatabaseProbe;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: a generic 500 whose {@code info.error_id} repeats in the one log line that holds
 * the details. Exceptions that wrap a decided failure (e.g. a transaction interceptor wrapping an
 * {@link DomainException}) keep their status instead of becoming a 500, and failures while the database
 * is unreachable are a 503: an outage, not a bug.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Inject
    DatabaseProbe database;

    @Override
    public Response toResponse(Throwable exception) {
        for (Throwable cause = exception; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof WebApplicationException web) {
                return new WebApplicationExceptionMapper().toResponse(web);
            }
        }
        return ProblemResponses.of(problemFor(exception));
    }

    /** The decided problem a failure wraps, a 503 while the database is down, else a logged 500. */
    Problem problemFor(Throwable exception) {
        for (Throwable cause = exception; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return DomainExceptionMapper.problemOf(domain);
            }
        }
        if (!database.isUp()) {
            LOG.log(Level.WARNING, "Database unavailable: {0}", exception.toString());
            return DomainExceptionMapper.problemOf(
                    new Unavailable("the database is unavailable; retry shortly (nothing was changed)"));
        }
        String errorId = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, error_id=" + errorId, exception);
        return Problem.internalError(errorId);
    }
}
