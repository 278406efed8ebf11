package io.tollgate.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsServletTest {

    @Test
    void prometheusTextGoesToAnyClientThatAcceptsPlainText() {
        assertTrue(MetricsServlet.acceptsText(null));
        assertTrue(MetricsServlet.acceptsText(""));
        assertTrue(MetricsServlet.acceptsText("text/plain"));
        assertTrue(MetricsServlet.acceptsText("*/*"));
        assertTrue(MetricsServlet.acceptsText("TEXT/*;q=0.2"));
        // what Prometheus itself sends
        assertTrue(MetricsServlet.acceptsText("application/openmetrics-text;version=1.0.0;q=0.5,"
                + "text/plain;version=0.0.4;q=0.4,*/*;q=0.1"));
    }

    @Test
    void aClientThatAcceptsOnlyJsonOrHtmlIsRefused() {
        assertFalse(MetricsServlet.acceptsText("application/json"));
        assertFalse(MetricsServlet.acceptsText("text/html, application/xml"));
        assertFalse(MetricsServlet.acceptsText("application/openmetrics-text"));
    }
}
