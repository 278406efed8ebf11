package io.tollgate.problems.entity;

import java.util.Map;

/**
 * A failure the client caused or may see, carrying its {@link Problem}. Unchecked so that CDI
 * {@code @Transactional} boundaries roll back on it; never carries a secret in its message.
 */
public class ApiException extends RuntimeException {

    private final transient Problem problem;

    public ApiException(Problem problem) {
        super(problem.message(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException validation(String field, String message) {
        return new ApiException(new Problem(400, "VALIDATION_FAILED", message, Map.of("field", field)));
    }

    public static ApiException malformed(String message) {
        return new ApiException(new Problem(400, "MALFORMED_REQUEST", message, Map.of()));
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(Problem.of(401, message));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(Problem.of(403, message));
    }

    public static ApiException notFound(String message) {
        return new ApiException(Problem.of(404, message));
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(new Problem(409, "CONFLICT", message, Map.of("field", field)));
    }

    public static ApiException tooLarge(long limit) {
        return new ApiException(new Problem(413, "PAYLOAD_TOO_LARGE",
                "request body exceeds " + limit + " bytes", Map.of("limit", Long.toString(limit))));
    }

    public static ApiException unavailable(String message) {
        return new ApiException(Problem.of(503, message));
    }
}
