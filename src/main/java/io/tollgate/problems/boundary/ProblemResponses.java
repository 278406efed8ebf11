package io.tollgate.problems.boundary;

import io.tollgate.problems.entity.Problem;
import io.tollgate.transport.boundary.SecurityHeaders;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a {@link Problem} into the HTTP response every error path answers with: through JAX-RS, or
 * written by a servlet or filter outside it (the error page, the start and stop gate).
 */
public final class ProblemResponses {

    public static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(JSON_UTF8)
                .entity(problem.toJson().toString());
        headers(problem).forEach(builder::header);
        return builder.build();
    }

    /** The same answer from outside JAX-RS, with the headers every response of the WAR carries. */
    public static void write(HttpServletResponse response, Problem problem) throws IOException {
        response.resetBuffer();
        SecurityHeaders.apply(response, true);
        response.setStatus(problem.status());
        response.setContentType(JSON_UTF8.toString());
        headers(problem).forEach(response::setHeader);
        response.getOutputStream().write(problem.toJson().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code WWW-Authenticate} on a 401; {@code Retry-After} whenever the problem says when to retry. */
    private static Map<String, String> headers(Problem problem) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (problem.status() == 401) {
            headers.put(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        String retryAfter = problem.info().get("retry_after_seconds");
        if (retryAfter != null) {
            headers.put(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return headers;
    }
}
