package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Moves the deployed server's wall clock instead of sleeping past an expiry or a grace
 * ({@link MovableNow}, {@link ClockServlet}); the test's own clock and the server's are the same
 * machine's, so "the server's now" is the test's now plus what was set.
 */
final class ServerClock {

    private final URI base;
    private long ahead;

    ServerClock(URI base) {
        this.base = base;
    }

    /** From now on the server's time is past {@code epochMillis} (it is moved ahead as far as needed, never back). */
    void passes(long epochMillis) {
        long needed = epochMillis + 1 - System.currentTimeMillis();
        if (needed > ahead) {
            set(needed);
        }
    }

    /** The real time again; a no-op when the clock was never moved. */
    void reset() {
        if (ahead != 0) {
            set(0);
        }
    }

    private void set(long millis) {
        Api.Reply reply = Api.send(HttpRequest.newBuilder(base.resolve("it-clock?ahead_ms=" + millis))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(204, reply.status(), reply::toString);
        ahead = millis;
    }
}
