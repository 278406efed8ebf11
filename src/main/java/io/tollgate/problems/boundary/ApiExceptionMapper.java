package io.tollgate.problems.boundary;

import io.tollgate.problems.entity.ApiException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Tollgate's own failures: their problem is already decided. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException exception) {
        return ProblemResponses.of(exception.problem());
    }
}
