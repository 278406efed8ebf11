package io.tollgate.start.control;

import java.lang.annotation.Annotation;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Payara Micro only, found by reflection (the WAR compiles and runs without it): turns the HTTP
 * listener off, the asadmin {@code set} that {@code payara-config/post-deploy-commands.asadmin} undoes
 * at start, through embedded GlassFish's public {@code CommandRunner}. A stopping Payara takes the
 * application down while its listener still accepts requests, and answers them with an HTML 503 and
 * then an empty 500 of its own; with the listener closed first, a client sees a refused connection,
 * as from any stopped server. On any other server this does nothing (that server's own stop applies).
 */
public final class PayaraListener {

    private static final Logger LOG = Logger.getLogger(PayaraListener.class.getName());
    private static final String ENABLED = "configs.config.server-config.network-config.network-listeners"
            + ".network-listener.http-listener.enabled";

    private PayaraListener() {
    }

    /** Closes the listener; true if this is Payara and the command ran. */
    public static boolean close() {
        ClassLoader loader = PayaraListener.class.getClassLoader();
        Object server;
        try {
            Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", false, loader);
            Object locator = globals.getMethod("getDefaultBaseServiceLocator").invoke(null);
            Class<?> glassFish = Class.forName("org.glassfish.embeddable.GlassFish", false, loader);
            server = locator == null ? null : locator.getClass().getMethod("getService", Class.class, Annotation[].class)
                    .invoke(locator, glassFish, new Annotation[0]);
            if (server == null) {
                return false;
            }
            Object runner = glassFish.getMethod("getCommandRunner").invoke(server);
            runner.getClass().getMethod("run", String.class, String[].class)
                    .invoke(runner, "set", new String[] {ENABLED + "=false"});
            return true;
        } catch (ClassNotFoundException | LinkageError notPayara) {
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not close the HTTP listener before stopping: {0}", e.toString());
            return false;
        }
    }
}
