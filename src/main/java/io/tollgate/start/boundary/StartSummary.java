package io.tollgate.start.boundary;

import io.tollgate.config.LogFile;
import io.tollgate.openapi.OpenApiEndpoint;
import io.tollgate.openapi.SwaggerUi;
import io.tollgate.root.boundary.RootCredentials;
import io.tollgate.runtime.Server;
import io.tollgate.runtime.Servers;
import io.tollgate.storage.control.DataLocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Prints the block that ends a start (see the package description). The block goes to the process's
 * standard output itself, not through logging: it may hold the root token, which must reach no log file
 * (Payara Micro's file handler, WildFly's {@code server.log}, which also keeps what the application writes
 * to {@code System.out}). The log file gets a line that the start has ended, without the token.
 */
@ApplicationScoped
public class StartSummary {

    private static final Logger LOG = Logger.getLogger(StartSummary.class.getName());
    private static final Duration MOST_WAIT = Duration.ofSeconds(60);
    /** Standard output itself (never closed). */
    private static final FileOutputStream CONSOLE = new FileOutputStream(FileDescriptor.out);

    @Inject
    RootCredentials root;

    @Inject
    Instance<Server> server;

    /** The last step of the start ({@link StartSequence}); {@code started} is the application's start event. */
    public void print(Object started) {
        String rootToken = root.takeMintedToken();
        Server running = Servers.of(server);
        int port = running.httpPort();
        // in a web application the event is its ServletContext: "/" as the README deploys it, else e.g. "/tollgate/"
        String context = (started instanceof ServletContext servlet ? servlet.getContextPath() : "") + "/";
        String data = DataLocation.of(ConfigProvider.getConfig().getOptionalValue("tollgate.db.url", String.class).orElse(null));
        String log = LogFile.current().map(Path::toString).orElse(null);
        Thread printer = new Thread(() -> {
            awaitServing(port, context);
            toConsole(block(port, context, data, log, rootToken));
            LOG.info(() -> "Tollgate is ready at " + (port > 0 ? "http://localhost:" + port : "") + context
                    + (rootToken != null ? " (the root token minted on this first start is printed on the console only)" : ""));
        }, "tollgate-start-summary");
        printer.setDaemon(true);
        printer.start();
    }

    /**
     * The API docs are the WAR's own, under the context: Swagger UI ({@link SwaggerUi#PATH}) and the
     * document ({@link OpenApiEndpoint#PATH}); {@code data}: where the data lives ({@link DataLocation});
     * {@code log}: the log file, or null.
     */
    static String block(int port, String context, String data, String log, String rootToken) {
        String server = port > 0 ? "http://localhost:" + port : "";
        StringBuilder block = new StringBuilder()
                .append("Tollgate is ready at ").append(server).append(context).append('\n')
                .append("  console:  ").append(server).append(context).append('\n')
                .append("  API docs: ").append(server).append(context).append(SwaggerUi.PATH.substring(1))
                .append(" (the OpenAPI document: ").append(server).append(context).append(OpenApiEndpoint.PATH.substring(1)).append(")\n")
                .append("  data:     ").append(data).append('\n');
        if (log != null) {
            block.append("  log:      ").append(log).append('\n');
        }
        if (rootToken != null) {
            block.append("Tollgate root token: ").append(rootToken).append('\n')
                    .append("  (printed on this first start only: keep it in a secret store)\n");
        }
        return block.toString();
    }

    /**
     * Writes {@code text} to file descriptor 1 in one write, past {@code System.out}, which a server may
     * have handed to its logging (WildFly does).
     */
    static void toConsole(String text) {
        try {
            CONSOLE.write(text.getBytes(StandardCharsets.UTF_8));
            CONSOLE.flush();
        } catch (IOException closed) {
            LOG.warning(() -> "Could not print the start summary: " + closed);
        }
    }

    /** Until the WAR answers on the port (the runtime answers 404 before it is deployed), within a minute. */
    private static void awaitServing(int port, String context) {
        if (port <= 0) {
            return;
        }
        long deadline = System.nanoTime() + MOST_WAIT.toNanos();
        URI console = URI.create("http://127.0.0.1:" + port + context);
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection = (HttpURLConnection) console.toURL().openConnection();
                connection.setConnectTimeout(2_000);
                connection.setReadTimeout(2_000);
                int status = connection.getResponseCode();
                connection.disconnect();
                if (status == 200) {
                    return;
                }
                Thread.sleep(250);
            } catch (IOException notYet) {
                sleepQuietly();
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }
}
