package io.tollgate.config;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A start that cannot succeed ends the process instead of leaving it up without the application (a
 * runtime answering 404 to everything): the cause as one line an operator can act on, then exit
 * status {@value #EXIT_STATUS} (EX_CONFIG of sysexits.h) from a thread of its own, which the failing start
 * waits for (at most {@value #UNWIND_AFTER_MILLIS} ms, then the deployment unwinds normally).
 * <p>
 * The line is SEVERE, so the console shows it, followed by {@code details: FILE} where the process logs to
 * a file ({@link LogFile}); the failure itself, with its stack trace, is logged at INFO just before it,
 * which reaches the log file and not the console (payara-config/logging.properties: the console shows
 * warnings and errors only).
 */
public final class StartFailure {

    public static final int EXIT_STATUS = 78;

    /** How long the failing start waits for the exit before it unwinds anyway. */
    static final long UNWIND_AFTER_MILLIS = 10_000;

    private static final Logger LOG = Logger.getLogger(StartFailure.class.getName());

    private StartFailure() {
    }

    /** Logs {@code cause} and ends the process; returns the exception that fails the deployment meanwhile. */
    public static IllegalStateException stop(String cause) {
        return stop(cause, null);
    }

    /** {@link #stop(String)}, with {@code failure} (may be null), what {@code cause} says in one line, for the log file. */
    public static IllegalStateException stop(String cause, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.INFO, "The failure that stops the start (" + cause + "):", failure);
        }
        LOG.severe("Tollgate cannot start: " + cause + LogFile.current().map(file -> "\n  details: " + file).orElse(""));
        Thread stopper = new Thread(() -> System.exit(EXIT_STATUS), "tollgate-stop");
        stopper.setDaemon(false);
        stopper.start();
        try {
            // the failing start waits for the exit, so that the runtime's own handling of the failure (EclipseLink
            // logs the exception it wraps this one in, with its stack) does not reach the console first; bounded,
            // in case a shutdown hook waits for what this thread holds: then the start unwinds and the exit follows
            stopper.join(UNWIND_AFTER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Stopped(cause);
    }

    /** What fails the deployment: its message is the cause; no stack trace is of use. */
    static final class Stopped extends IllegalStateException {

        Stopped(String cause) {
            super("Tollgate cannot start: " + cause);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
