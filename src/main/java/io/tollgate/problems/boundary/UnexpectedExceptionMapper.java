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
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: a generic 500 whose {@code info.error_id} repeats in the one log line that holds
 * the details. Exceptions that wrap a decided failure (e.g. a transaction interceptor wrapping an
 * {@link DomainException}) keep their status instead of becoming a 500, and failures while the database
 * is unreachable are a 503: an outage, not a bug, logged with one stack trace for the outage and one
 * short line for each later failing request (spec section 8).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
    /** The longest failure text of a short log line. */
    static final int BRIEF = 200;

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

    Problem problemFor(Throwable exception) {
        return problemFor(exception, database);
    }

    /**
     * The decided problem a failure wraps, a 503 while the database is down, else a logged 500; also for
     * the servlets outside JAX-RS that answer the same way.
     */
    public static Problem problemFor(Throwable exception, DatabaseProbe database) {
        for (Throwable cause = exception; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return DomainExceptionMapper.problemOf(domain);
            }
        }
        if (!database.isUp()) {
            if (database.firstReportOfOutage()) {
                LOG.log(Level.WARNING, "Database unavailable, answering 503 until it is back (the outage's"
                        + " first failure; each next one logs one line): " + briefly(exception), exception);
            } else {
                LOG.log(Level.WARNING, "Database unavailable (503): {0}", briefly(exception));
            }
            return DomainExceptionMapper.problemOf(
                    new Unavailable("the database is unavailable; retry shortly (nothing was changed)"));
        }
        String errorId = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, error_id=" + errorId, exception);
        return Problem.internalError(errorId);
    }

    /**
     * One short line for a failure: the innermost cause's class and the first line of its message, at
     * most {@value #BRIEF} characters (an EclipseLink exception's own text spans several lines with
     * the failed call).
     */
    static String briefly(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = Objects.requireNonNullElse(innermost.getMessage(), "").strip().lines().findFirst().orElse("");
        String line = innermost.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return line.length() <= BRIEF ? line : line.substring(0, BRIEF - 1) + "\u2026";
    }
}
