package io.tollgate.runtime.payara;

import io.tollgate.runtime.Server;
import jakarta.enterprise.context.Dependent;
import java.lang.annotation.Annotation;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Payara Micro. Its classes are reached by reflection: the WAR compiles against no Payara artifact.
 * <ul>
 * <li>{@link #httpPort}: Payara Micro's own instance knows it.
 * <li>{@link #stopListening}: turns the HTTP listener off, the asadmin {@code set} that
 * {@code payara-config/post-deploy-commands.asadmin} undoes at start, through embedded GlassFish's public
 * {@code CommandRunner}. A stopping Payara takes the application down while its listener still accepts
 * requests, and answers them with an HTML 503 and then an empty 500 of its own; with the listener closed
 * first, a client sees a refused connection, as from any stopped server.
 * </ul>
 */
@Dependent
public class PayaraServer implements Server {

    private static final Logger LOG = Logger.getLogger(PayaraServer.class.getName());
    private static final String ENABLED = "configs.config.server-config.network-config.network-listeners"
            + ".network-listener.http-listener.enabled";

    @Override
    public int httpPort() {
        try {
            Class<?> micro = Class.forName("fish.payara.micro.impl.PayaraMicroImpl", false, loader());
            Object instance = micro.getMethod("getInstance").invoke(null);
            return (Integer) micro.getMethod("getHttpPort").invoke(instance);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notPayaraMicro) {
            return 0;
        }
    }

    @Override
    public void stopListening() {
        try {
            Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", false, loader());
            Object locator = globals.getMethod("getDefaultBaseServiceLocator").invoke(null);
            Class<?> glassFish = Class.forName("org.glassfish.embeddable.GlassFish", false, loader());
            Object server = locator == null ? null : locator.getClass()
                    .getMethod("getService", Class.class, Annotation[].class).invoke(locator, glassFish, new Annotation[0]);
            if (server == null) {
                return;
            }
            Object runner = glassFish.getMethod("getCommandRunner").invoke(server);
            runner.getClass().getMethod("run", String.class, String[].class)
                    .invoke(runner, "set", new String[] {ENABLED + "=false"});
        } catch (ClassNotFoundException | LinkageError notPayara) {
            // a server of this package without GlassFish's API: its own stop applies
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not close the HTTP listener before stopping: {0}", e.toString());
        }
    }

    private static ClassLoader loader() {
        return PayaraServer.class.getClassLoader();
    }
}
