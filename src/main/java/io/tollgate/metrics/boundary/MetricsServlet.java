package io.tollgate.metrics.boundary;

import io.tollgate.metrics.control.Meters;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code GET /metrics}: every meter in Prometheus's text format, served by the WAR itself on every
 * server (no server's own metrics endpoint is involved). Open to every caller like {@code /health}:
 * operators restrict both at the network edge (spec section 7). A client that accepts no text gets
 * 406 with the JSON error body (web.xml's error page); any other method, 405.
 */
@WebServlet(name = "MetricsServlet", urlPatterns = "/metrics")
public class MetricsServlet extends HttpServlet {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    Meters meters;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!acceptsText(request.getHeader("Accept"))) {
            response.sendError(HttpServletResponse.SC_NOT_ACCEPTABLE);
            return;
        }
        byte[] body = meters.scrape().getBytes(StandardCharsets.UTF_8);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** No {@code Accept}, or one naming {@code text/plain}, {@code text/*} or {@code *}{@code /*} (as Prometheus's scraper sends). */
    static boolean acceptsText(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        return Stream.of(accept.split(","))
                .map(range -> range.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .anyMatch(type -> type.equals("text/plain") || type.equals("text/*") || type.equals("*/*"));
    }
}
