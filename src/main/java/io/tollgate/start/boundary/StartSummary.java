package io.tollgate.start.boundary;

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
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/** Prints the block that ends a start (see the package description). */
@ApplicationScoped
public class StartSummary {

    private static final Logger LOG = Logger.getLogger(StartSummary.class.getName());
    private static final Duration MOST_WAIT = Duration.ofSeconds(60);

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
        Thread printer = new Thread(() -> {
            awaitServing(port, context);
            LOG.info(block(port, context, data, rootToken));
        }, "tollgate-start-summary");
        printer.setDaemon(true);
        printer.start();
    }

    /**
     * The API docs are the WAR's own, under the context: Swagger UI ({@link SwaggerUi#PATH}) and the
     * document ({@link OpenApiEndpoint#PATH}); {@code data}: where the data lives ({@link DataLocation}).
     */
    static String block(int port, String context, String data, String rootToken) {
        String server = port > 0 ? "http://localhost:" + port : "";
        StringBuilder block = new StringBuilder()
                .append("Tollgate is ready at ").append(server).append(context).append('\n')
                .append("  console:  ").append(server).append(context).append('\n')
                .append("  API docs: ").append(server).append(context).append(SwaggerUi.PATH.substring(1))
                .append(" (the OpenAPI document: ").append(server).append(context).append(OpenApiEndpoint.PATH.substring(1)).append(")\n")
                .append("  data:     ").append(data).append('\n');
        if (rootToken != null) {
            block.append("Tollgate root token: ").append(rootToken).append('\n')
                    .append("  (printed on this first start only: keep it in a secret store)\n");
        }
        return block.toString();
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
