package io.tollgate.start.boundary;

import io.tollgate.errors.Unavailable;
import io.tollgate.problems.boundary.DomainExceptionMapper;
import io.tollgate.problems.boundary.ProblemResponses;
import io.tollgate.start.control.Serving;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers the API and the brokers' hooks ({@code /mqtt/…}) with 503 {@code SERVICE_UNAVAILABLE} (the error body and {@code Retry-After}) while
 * the application does not serve (spec section 8): before its start has finished and once its stop has
 * begun, so that no request meets a half-started or half-stopped application. The requests it lets
 * through are counted, so that a stop lets them finish first (see {@link ServingLifecycle}).
 */
@WebFilter(filterName = "ServingGate", urlPatterns = {"/api", "/api/*", "/mqtt/*"})
public class ServingGate extends HttpFilter {

    /** Long enough for a stopping node to be gone and a starting one to be up. */
    public static final long RETRY_AFTER_SECONDS = 5;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!Serving.enter()) {
            response.setHeader("Connection", "close");
            ProblemResponses.write(response, DomainExceptionMapper.problemOf(new Unavailable(
                    "Tollgate is starting or stopping; retry shortly (nothing was changed)", RETRY_AFTER_SECONDS)));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            Serving.leave();
        }
    }
}
