package io.tollgate.start.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServingTest {

    @AfterEach
    void reset() {
        Serving.close();
    }

    @Test
    void nothingIsAdmittedBeforeTheStartHasFinishedOrOnceTheStopHasBegun() throws Exception {
        Serving.close();
        assertFalse(Serving.enter(), "starting");
        assertTrue(Serving.awaitIdle(Duration.ZERO), "a refused request is not in flight");
        Serving.open();
        assertTrue(Serving.enter(), "serving");
        Serving.leave();
        Serving.close();
        assertFalse(Serving.enter(), "stopping");
    }

    @Test
    void aStopWaitsForTheAdmittedRequestsOnly() throws Exception {
        Serving.open();
        assertTrue(Serving.enter());
        Serving.close();
        assertFalse(Serving.awaitIdle(Duration.ZERO), "one request still running");
        Serving.leave();
        assertTrue(Serving.awaitIdle(Duration.ZERO), "all done");
    }
}
