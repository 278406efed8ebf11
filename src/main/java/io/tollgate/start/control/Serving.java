package io.tollgate.start.control;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the API serves now: from the end of the application's start until its stop begins. Static,
 * so that the gate can still read it while the stopping application's beans are being destroyed; it
 * also counts the API requests in flight, so that a stop can wait for them.
 */
public final class Serving {

    private static volatile boolean open;
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();

    private Serving() {
    }

    public static void open() {
        open = true;
    }

    public static void close() {
        open = false;
    }

    /** Admits a request, which must then {@link #leave}; false (and nothing to leave) when closed. */
    public static boolean enter() {
        IN_FLIGHT.incrementAndGet();
        if (!open) {
            IN_FLIGHT.decrementAndGet();
            return false;
        }
        return true;
    }

    public static void leave() {
        IN_FLIGHT.decrementAndGet();
    }

    /** Waits until no admitted request is running, at most {@code most}; true if none is. */
    public static boolean awaitIdle(Duration most) throws InterruptedException {
        long deadline = System.nanoTime() + most.toNanos();
        while (IN_FLIGHT.get() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
