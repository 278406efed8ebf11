package io.tollgate.runtime.payara;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps requests the container refuses before the application sees them from growing the log by
 * more than one short line each. Payara logs a full stack trace for a path with a malformed
 * percent-escape ({@code /api/%zz}: its URI decoder throws an exception nobody catches) and for a
 * malformed chunked body; both are the client's fault, so each becomes one INFO line without the
 * trace. Every other record of those loggers passes unchanged.
 */
@WebListener
public class QuietContainerLogs implements ServletContextListener {

    /** The loggers that write those traces (held here: JUL keeps loggers only weakly). */
    private static final List<Logger> LOGGERS = List.of(
            Logger.getLogger("jakarta.enterprise.web.core"),
            Logger.getLogger("org.glassfish.grizzly.filterchain.DefaultFilterChain"));

    private final Filter shortener = QuietContainerLogs::shorten;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        for (Logger logger : LOGGERS) {
            if (logger.getFilter() == null) {
                logger.setFilter(shortener);
            }
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        for (Logger logger : LOGGERS) {
            if (logger.getFilter() == shortener) {
                logger.setFilter(null);
            }
        }
    }

    /** Rewrites a record caused by a malformed request into one line; always lets it through. */
    static boolean shorten(LogRecord record) {
        String what = malformedRequest(record.getThrown());
        if (what != null) {
            record.setThrown(null);
            record.setLevel(Level.INFO);
            record.setResourceBundle(null);
            record.setParameters(null);
            record.setMessage("Refused a malformed request: " + what);
        }
        return true;
    }

    /** What was malformed, if {@code thrown} comes from parsing a client's request; else null. */
    static String malformedRequest(Throwable thrown) {
        if (thrown == null) {
            return null;
        }
        String type = thrown.getClass().getName();
        if (type.equals("org.glassfish.grizzly.http.HttpBrokenContentException")) {
            return "broken body encoding";
        }
        if (thrown instanceof IllegalArgumentException) {
            StackTraceElement[] trace = thrown.getStackTrace();
            if (trace.length > 0 && trace[0].getClassName().equals("org.glassfish.grizzly.http.util.URLDecoder")) {
                return "bad percent-encoding in the path";
            }
        }
        return null;
    }
}
