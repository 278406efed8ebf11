package io.tollgate.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetersTest {

    private static double value(String scrape, String seriesStart) {
        return scrape.lines().filter(line -> line.startsWith(seriesStart)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError(seriesStart + " in\n" + scrape));
    }

    @Test
    void aTimerExportsCountSumMaximumAndQuantilesAllInSeconds() {
        Meters meters = new Meters();
        Meters.Timer timer = meters.timer("tollgate_requests", "requests", "method", "GET", "endpoint", "/api/x/{id}");
        for (int i = 1; i <= 100; i++) {
            timer.update(Duration.ofMillis(i));
        }
        String scrape = meters.scrape();
        String labels = "{endpoint=\"/api/x/{id}\",method=\"GET\"";
        assertEquals(100, value(scrape, "tollgate_requests_seconds_count" + labels));
        assertEquals(5.05, value(scrape, "tollgate_requests_seconds_sum" + labels), 1e-9);
        assertEquals(0.1, value(scrape, "tollgate_requests_seconds_max" + labels), 1e-9);
        double p99 = value(scrape, "tollgate_requests_seconds" + labels + ",quantile=\"0.99\"");
        assertTrue(p99 > 0.09 && p99 < 0.11, "p99 of 1..100 ms, in seconds: " + p99);
        double p50 = value(scrape, "tollgate_requests_seconds" + labels + ",quantile=\"0.5\"");
        assertTrue(p50 > 0.045 && p50 < 0.055, "p50 in seconds: " + p50);
        assertTrue(scrape.contains("quantile=\"0.95\""), scrape);
    }

    @Test
    void countersGetTotalGaugesReadTheirSourceAndTheJvmIsThere() {
        Meters meters = new Meters();
        meters.bindJvm();
        try {
            Meters.Counter counter = meters.counter("tollgate_token_creations", "created");
            counter.inc();
            counter.inc(2);
            AtomicLong size = new AtomicLong(7);
            meters.gauge("tollgate_usage_buffer_size", "buffered", size, AtomicLong::get);
            String scrape = meters.scrape();
            assertEquals(3, value(scrape, "tollgate_token_creations_total "));
            assertEquals(7, value(scrape, "tollgate_usage_buffer_size "));
            size.set(9);
            assertEquals(9, value(meters.scrape(), "tollgate_usage_buffer_size "));
            assertTrue(scrape.lines().anyMatch(line -> line.startsWith("jvm_memory_used_bytes{") && !line.endsWith(" 0.0")), "the runtime's own meters: " + scrape);
            assertTrue(scrape.contains("# HELP tollgate_token_creations_total created"), "descriptions are exported");
        } finally {
            meters.close();
        }
    }
}
