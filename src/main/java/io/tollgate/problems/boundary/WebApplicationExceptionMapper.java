package io.tollgate.problems.boundary;

import io.tollgate.problems.entity.Problem;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** What JAX-RS itself rejects (unknown route, wrong method, wrong media type, ...), in the error body. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        Response response = ProblemResponses.of(Problem.of(status, messageFor(exception, status)));
        String allow = exception.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            return Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
        }
        return response;
    }

    private static String messageFor(WebApplicationException exception, int status) {
        if (exception instanceof NotFoundException) {
            return "no such resource";
        }
        if (exception instanceof NotAllowedException) {
            return "method not allowed on this resource";
        }
        if (exception instanceof NotSupportedException) {
            return "request body must be application/json";
        }
        if (status == 406) {
            return "this resource only produces application/json";
        }
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        if (family == Response.Status.Family.SERVER_ERROR) {
            return "internal error";
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        return type == null ? "request failed" : type.getReasonPhrase().toLowerCase();
    }
}
