package io.tollgate.transport.boundary;

import io.tollgate.net.RequestFacts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sets the headers every response of the WAR carries (console, static files, API, error pages)
 * before anything else runs, so that no later path (JAX-RS, an exception mapper, a servlet error
 * page) can answer without them: a strict Content-Security-Policy, no MIME sniffing, no referrer,
 * and {@code Cache-Control: no-store} on the API, whose answers carry secrets and per-caller data.
 * TRACE reaches the application (trace-enabled in the preboot file) only so that it gets the error
 * body: outside the API it is refused here, before any servlet could echo the request.
 */
@WebFilter(filterName = "SecurityHeaders", urlPatterns = "/*")
public class SecurityHeaders extends HttpFilter {

    /** The console's own meta policy, plus what only a header can say (frame-ancestors). */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String uri = request.getRequestURI();
        RequestFacts.leave(request, uri);
        String path = uri.substring(request.getContextPath().length());
        boolean api = path.equals("/api") || path.startsWith("/api/");
        apply(response, api);
        if (!api && "TRACE".equals(request.getMethod())) {
            // JAX-RS has no TRACE method and answers 405 itself; everything else here (console files,
            // health, metrics, OpenAPI) is read-only, and its servlets would echo the request
            response.setHeader("Allow", "GET, HEAD, OPTIONS");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The headers; {@code noStore} for API answers and error bodies. */
    public static void apply(HttpServletResponse response, boolean noStore) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (noStore) {
            response.setHeader("Cache-Control", "no-store");
        }
    }
}
