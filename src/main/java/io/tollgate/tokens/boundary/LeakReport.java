package io.tollgate.tokens.boundary;

import io.tollgate.requests.control.Text;
import io.tollgate.requests.control.TextValidator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/tokens/leaks}: 1 to 100 strings that may be secrets, and where they
 * were found ({@code source}, optional, up to 500 characters).
 */
public record LeakReport(
        @NotNull(message = "is required")
        @Size(min = 1, max = LeakReport.MAX_VALUES, message = "must hold 1 to " + LeakReport.MAX_VALUES + " strings")
        List<String> tokens,
        @Text(max = LeakReport.MAX_SOURCE) String source) {

    public static final int MAX_VALUES = 100;
    public static final int MAX_SOURCE = 500;

    public LeakReport {
        tokens = tokens == null ? null : List.copyOf(tokens);
        source = TextValidator.normalize(source);
    }

    /** The {@code suspend_reason} of the tokens this report names. */
    public String suspendReason() {
        return source == null ? "reported leaked" : "reported leaked: " + source;
    }
}
