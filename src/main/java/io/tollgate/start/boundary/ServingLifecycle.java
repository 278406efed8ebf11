package io.tollgate.start.boundary;

import io.tollgate.runtime.Server;
import io.tollgate.runtime.Servers;
import io.tollgate.start.control.Serving;
import io.tollgate.storage.boundary.DatabaseExit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Opens the {@link ServingGate} once the application has started, and closes it as soon as a stop
 * begins: at SIGTERM (a JVM shutdown hook of its own, which runs while Payara's hook still waits out
 * its grace period, {@code -Dfish.payara.shutdowngrace} in {@code payara-config/jvm.options}) or at an
 * undeploy. A stop then lets the requests in flight finish (at most {@link #DRAIN}) and, on Payara
 * Micro, closes the HTTP listener before the server takes the application down ({@link Server#stopListening}).
 */
@ApplicationScoped
public class ServingLifecycle {

    private static final Logger LOG = Logger.getLogger(ServingLifecycle.class.getName());
    /** Within Payara's grace period (3 s), so that the listener is closed before the server stops the WAR. */
    static final Duration DRAIN = Duration.ofMillis(2_500);

    @Inject
    Instance<Server> server;

    @Inject
    DatabaseExit databaseExit;

    private volatile Thread hook;

    /** Opens the gate: the last step of the start but the summary ({@link StartSequence}). */
    public void open() {
        Server running = Servers.of(server);
        Thread stop = new Thread(() -> stopServing(running), "tollgate-stop-serving");
        Runtime.getRuntime().addShutdownHook(stop);
        hook = stop;
        databaseExit.after(stop); // the last writes and H2's close wait until no request is being answered
        Serving.open();
    }

    /** Undeployed (the JVM may go on): no new request; the hook is not needed any more. */
    void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        Serving.close();
        Thread stop = hook;
        if (stop != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException jvmStopping) {
                // the hook is running or has run
            }
        }
    }

    private static void stopServing(Server running) {
        Serving.close();
        try {
            if (!Serving.awaitIdle(DRAIN)) {
                LOG.warning(() -> "Stopping with API requests still running after " + DRAIN.toMillis() + " ms");
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
        running.stopListening();
    }
}
