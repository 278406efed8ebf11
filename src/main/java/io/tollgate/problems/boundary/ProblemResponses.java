package io.tollgate.problems.boundary;

import io.tollgate.problems.entity.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Turns a {@link Problem} into the HTTP response every error path answers with. */
public final class ProblemResponses {

    public static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(JSON_UTF8)
                .entity(problem.toJson().toString());
        if (problem.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (problem.status() == 429 && problem.info().containsKey("retry_after_seconds")) {
            builder.header(HttpHeaders.RETRY_AFTER, problem.info().get("retry_after_seconds"));
        }
        return builder.build();
    }
}
