package io.tollgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged WAR started the way the README starts it ({@code java -jar payara-micro.jar
 * --logproperties payara-config/logging.properties --prebootcommandfile payara-config/pre-boot-commands.asadmin
 * --deploy tollgate.war --contextroot / --port P --nohazelcast}), for tests about starts, restarts and logs.
 */
public final class TollgateServer implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private TollgateServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a server on a free port with {@code env} added to a clean Tollgate environment: of the
     * test JVM's own TOLLGATE_* variables only the database ones (TOLLGATE_DB_*) are passed on.
     */
    public static TollgateServer start(Path dataDir, Path log, Map<String, String> env, String... extraOptions) {
        List<String> options = new ArrayList<>(List.of("--nohazelcast"));
        options.addAll(List.of(extraOptions));
        return launch(List.of(), options, dataDir, log, env);
    }

    /**
     * Starts one node of a loopback-only Payara Micro cluster (TCP/IP member list on 127.0.0.1,
     * Hazelcast bound to loopback, no multicast, no phone-home): the flags of the stack notes.
     */
    public static TollgateServer startClusterNode(String name, String members, Path dataDir, Path log,
                                                  Map<String, String> env) {
        return launch(List.of("-Dhazelcast.socket.bind.any=false", "-Dhazelcast.phone.home.enabled=false"),
                List.of("--name", name, "--clustername", "tollgate-it", "--clustermode", "tcpip:" + members,
                        "--interfaces", "127.0.0.1", "--nohostaware", "--disablephonehome"),
                dataDir, log, env);
    }

    private static TollgateServer launch(List<String> jvmOptions, List<String> options, Path dataDir, Path log,
                                         Map<String, String> env) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(testServerJvmOptions());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"),
                "--logproperties", System.getProperty("tollgate.it.logproperties"),
                "--prebootcommandfile", System.getProperty("tollgate.it.preboot"),
                "--deploy", System.getProperty("tollgate.war"), "--contextroot", "/",
                "--port", Integer.toString(port)));
        command.addAll(options);
        String configured = System.getProperty("tollgate.it.extra-options", "").strip();
        if (!configured.isEmpty()) {
            command.addAll(List.of(configured.split("\\s+")));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("TOLLGATE_") && !key.startsWith("TOLLGATE_DB_"));
        builder.environment().put("TOLLGATE_DATA_DIR", dataDir.toString());
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            return new TollgateServer(builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until readiness is UP; false if the process ended first or the time ran out. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base() + "health/ready")).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                if (Api.send(ready).status() == 200) {
                    return true;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        return false;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public Api api(String credential) {
        return new Api(base(), credential);
    }

    public Process process() {
        return process;
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    /**
     * JVM flags of the test servers only (property {@code tollgate.it.server-jvm-options}, set in the
     * POM): a start costs half the CPU with the C1-only JIT and the serial collector, and the suites
     * that launch their own servers (starts, restarts, outages, clusters) do little work per start.
     * No test measures speed; the README's launch line and the benchmark keep the default JIT.
     */
    private static List<String> testServerJvmOptions() {
        String configured = System.getProperty("tollgate.it.server-jvm-options", "").strip();
        return configured.isEmpty() ? List.of() : List.of(configured.split("\\s+"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
