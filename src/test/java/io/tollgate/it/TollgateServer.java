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
 * The packaged WAR started the way the README starts it, for tests about starts, restarts and logs: on
 * Payara Micro ({@code java -jar payara-micro.jar --logproperties payara-config/logging.properties
 * --prebootcommandfile payara-config/pre-boot-commands.asadmin --postdeploycommandfile
 * payara-config/post-deploy-commands.asadmin --shutdowngrace 3000 --deploy tollgate.war --contextroot /
 * --port P --nohazelcast}, with {@code TOLLGATE_LOG_DIR} the data directory's {@code logs/} as scripts/run.sh
 * sets it), or on WildFly when the suites run there ({@link Servers#wildfly()}:
 * {@code standalone-microprofile.xml} of the installation {@code mvn package -Pwildfly} prepared, see
 * {@link WildFlyLaunch}).
 */
public final class TollgateServer implements AutoCloseable {

    private final Process process;
    /** The console: standard output and standard error. */
    private final Path log;
    /** The log file the server writes besides (its logging configuration's). */
    private final Path logFile;
    private final int port;
    private final URI monitoring;
    /** Where WildFly's deployment scanner says the WAR failed; null on Payara, which stops instead. */
    private final Path failedMarker;

    private TollgateServer(Process process, Path log, Path logFile, int port, URI monitoring, Path failedMarker) {
        this.process = process;
        this.log = log;
        this.logFile = logFile;
        this.port = port;
        this.monitoring = monitoring;
        this.failedMarker = failedMarker;
    }

    /**
     * Starts a server on a free port with {@code env} added to a clean Tollgate environment: of the
     * test JVM's own TOLLGATE_* variables only the database ones (TOLLGATE_DB_*) are passed on.
     */
    public static TollgateServer start(Path dataDir, Path log, Map<String, String> env) {
        if (Servers.wildfly()) {
            return launchWildFly("standalone-microprofile.xml", List.of(), dataDir, log, env);
        }
        return launch(List.of("--nohazelcast"), dataDir, log, env);
    }

    private static TollgateServer launch(List<String> options, Path dataDir, Path log, Map<String, String> env) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(testServerJvmOptions());
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"),
                "--logproperties", System.getProperty("tollgate.it.logproperties"),
                "--prebootcommandfile", System.getProperty("tollgate.it.preboot"),
                "--postdeploycommandfile", System.getProperty("tollgate.it.postdeploy"),
                // the stop's grace period of payara-config/jvm.options (the README's flags), which the
                // application's own stop needs (see ServingLifecycle); the heap flags are left out
                "--shutdowngrace", "3000",
                "--deploy", System.getProperty("tollgate.war"), "--contextroot", "/",
                "--port", Integer.toString(port)));
        command.addAll(options);
        String configured = System.getProperty("tollgate.it.extra-options", "").strip();
        if (!configured.isEmpty()) {
            command.addAll(List.of(configured.split("\\s+")));
        }
        // scripts/run.sh's default: the data directory's logs/, owner-only
        Path logDir = Path.of(env.getOrDefault("TOLLGATE_LOG_DIR", dataDir.resolve("logs").toString())).toAbsolutePath();
        try {
            Files.createDirectories(logDir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> withLogs = new java.util.HashMap<>(env);
        withLogs.put("TOLLGATE_LOG_DIR", logDir.toString());
        Process process = run(command, dataDir, log, withLogs);
        return new TollgateServer(process, log, logDir.resolve("tollgate.0.log"), port,
                URI.create("http://127.0.0.1:" + port + "/"), null);
    }

    /**
     * Starts WildFly with {@code serverConfig} and {@code systemProperties} ({@code -Dname=value}), in a
     * base directory of its own next to {@code log} (never inside the data directory, whose files
     * the tests check). The PostgreSQL driver is WildFly's module, not an option.
     */
    static TollgateServer launchWildFly(String serverConfig, List<String> systemProperties, Path dataDir, Path log,
                                        Map<String, String> env) {
        Path base = log.resolveSibling(log.getFileName() + ".wildfly");
        WildFlyLaunch wildfly = WildFlyLaunch.prepare(base, Path.of(System.getProperty("tollgate.war")));
        Process process = run(wildfly.command(javaBinary(), testServerJvmOptions(), serverConfig, systemProperties),
                dataDir, log, env);
        return new TollgateServer(process, log, base.resolve("log/server.log"), wildfly.httpPort(),
                URI.create("http://127.0.0.1:" + wildfly.managementPort() + "/"), wildfly.failedMarker());
    }

    private static Process run(List<String> command, Path dataDir, Path log, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("TOLLGATE_") && !key.startsWith("TOLLGATE_DB_"));
        builder.environment().put("TOLLGATE_DATA_DIR", dataDir.toString());
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until readiness is UP; false if the process ended first or the time ran out. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(monitoring.resolve("health/ready")).timeout(Duration.ofSeconds(5)).build();
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
            Thread.sleep(100); // a probe is one small request: a start is seen within 0.1 s of being ready
        }
        return false;
    }

    /**
     * Waits until the WAR has failed to start; false if it had not within {@code timeout}. Payara Micro
     * stops with a non-zero exit code; WildFly goes on running without the application, and its
     * deployment scanner marks the WAR failed.
     */
    public boolean awaitFailedStart(Duration timeout) throws InterruptedException {
        if (failedMarker == null) {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) && process.exitValue() != 0;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(failedMarker)) {
                return true;
            }
            Thread.sleep(250);
        }
        return Files.exists(failedMarker) || (!process.isAlive() && process.exitValue() != 0);
    }

    /** Where health is served: the HTTP port's root on Payara, the management port's on WildFly. */
    public URI monitoring() {
        return monitoring;
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

    /** What the server printed on its console (standard output and standard error). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The log file the server writes when it has written one by itself ({@code TOLLGATE_LOG_DIR/tollgate.0.log}
     * on Payara, {@code log/server.log} of its base directory on WildFly); a second server on the same
     * log directory writes another file, which its failed start names.
     */
    public Path logFile() {
        return logFile;
    }

    /** What {@link #logFile()} holds so far; empty before the server has written it. */
    public String logFileText() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
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
