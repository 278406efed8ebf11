package io.tollgate.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private RabbitMQ node (Debian's {@code rabbitmq-server} 3.10, its MQTT plugin and
 * {@code rabbitmq_auth_backend_http}) for the MQTT tests: a child process of the test JVM with its own
 * directories under {@code target/it/rabbitmq/}, its own Erlang cookie (a private {@code HOME}), its
 * own port mapper ({@code epmd}, a child too, on a port of its own) and every listener on 127.0.0.1.
 * It asks the HTTP backend the test names ({@link Hooks}) for every connect and every
 * publish/subscribe; anonymous MQTT clients are refused. {@link #close()} stops it with
 * {@code rabbitmqctl stop} and then kills whatever of it is left, so no test leaves a process behind.
 * <p>
 * Nothing in {@code /etc/rabbitmq}, {@code /var/lib/rabbitmq} or {@code /root} is read or written, and
 * the machine's own RabbitMQ service (which {@code .ci/run} stops and disables) is not needed.
 */
final class RabbitNode implements AutoCloseable {

    static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    static final Path CTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");
    static final Path EPMD = Path.of("/usr/bin/epmd");

    /** Loaded machines take ~12 s (the MQTT plugin alone waits ~3 s for a Raft election); give far more. */
    private static final long START_DEADLINE_MS = 120_000;
    private static final long STOP_DEADLINE_MS = 60_000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** The four URLs {@code rabbitmq_auth_backend_http} posts its questions to. */
    record Hooks(URI user, URI vhost, URI resource, URI topic) {

        /** {@code base} followed by {@code user}, {@code vhost}, {@code resource} and {@code topic}. */
        static Hooks under(String base) {
            String root = base.endsWith("/") ? base : base + "/";
            return new Hooks(URI.create(root + "user"), URI.create(root + "vhost"), URI.create(root + "resource"),
                    URI.create(root + "topic"));
        }
    }

    private final String name;
    private final Path dir;
    private final Map<String, String> environment;
    private final int mqttPort;
    private final Process epmd;
    private final Process server;
    private final Thread reaper;
    private final long startMillis;
    private long stopMillis = -1;

    private RabbitNode(String name, Path dir, Map<String, String> environment, int mqttPort, Process epmd,
                       Process server, Thread reaper, long startMillis) {
        this.name = name;
        this.dir = dir;
        this.environment = environment;
        this.mqttPort = mqttPort;
        this.epmd = epmd;
        this.server = server;
        this.reaper = reaper;
        this.startMillis = startMillis;
    }

    static boolean installed() {
        return Files.isExecutable(SERVER) && Files.isExecutable(CTL) && Files.isExecutable(EPMD);
    }

    /**
     * Skips the calling test where RabbitMQ is not installed, unless the environment says it must be
     * ({@code TOLLGATE_IT_REQUIRE_RABBITMQ=1}, as {@code .ci/run} sets it): then the test fails instead.
     */
    static void assumeInstalled() {
        String hint = "it needs Debian's rabbitmq-server at " + SERVER + " (apt-get install -y rabbitmq-server)";
        if ("1".equals(System.getenv("TOLLGATE_IT_REQUIRE_RABBITMQ"))) {
            if (!installed()) {
                throw new AssertionError("TOLLGATE_IT_REQUIRE_RABBITMQ=1 but " + hint);
            }
            return;
        }
        assumeTrue(installed(), "skipped: " + hint);
    }

    /** Starts a node that asks {@code hooks}, and returns once its MQTT and AMQP listeners accept connections. */
    static RabbitNode start(Hooks hooks) throws IOException, InterruptedException {
        long began = System.nanoTime();
        String name = "tg" + HexFormat.of().formatHex(randomBytes(4));
        Path dir = Path.of(System.getProperty("tollgate.it.dir", "target/it"), "rabbitmq", name).toAbsolutePath();
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("mnesia"));
        Files.createDirectories(dir.resolve("log"));
        writeCookie(home.resolve(".erlang.cookie"));

        int epmdPort = freePort();
        int distPort = freePort();
        int amqpPort = freePort();
        int mqttPort = freePort();
        Path config = dir.resolve("rabbitmq.conf");
        Files.writeString(config, String.join("\n",
                "listeners.tcp.default = 127.0.0.1:" + amqpPort,
                "mqtt.listeners.tcp.default = 127.0.0.1:" + mqttPort,
                "mqtt.allow_anonymous = false",
                "auth_backends.1 = http",
                "auth_http.http_method = post",
                "auth_http.user_path = " + hooks.user(),
                "auth_http.vhost_path = " + hooks.vhost(),
                "auth_http.resource_path = " + hooks.resource(),
                "auth_http.topic_path = " + hooks.topic(),
                // both default to infinity: a hung backend would hang the broker's client and the test
                "auth_http.connection_timeout = 5000",
                "auth_http.request_timeout = 5000",
                "log.file.level = info",
                "log.console = false",
                ""), StandardCharsets.UTF_8);
        Path plugins = dir.resolve("enabled_plugins");
        Files.writeString(plugins, "[rabbitmq_mqtt,rabbitmq_auth_backend_http].\n", StandardCharsets.US_ASCII);
        Path envFile = dir.resolve("rabbitmq-env.conf");
        Files.writeString(envFile, "", StandardCharsets.US_ASCII);

        // the distribution listener (and rabbitmqctl's own, while it runs) would bind every interface
        String loopbackDistribution = "-kernel inet_dist_use_interface {127,0,0,1}";
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HOME", home.toString());
        environment.put("RABBITMQ_CONF_ENV_FILE", envFile.toString());
        environment.put("RABBITMQ_CONFIG_FILE", config.toString());
        environment.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
        environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString());
        environment.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        environment.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        environment.put("RABBITMQ_NODENAME", name + "@localhost");
        environment.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        environment.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
        environment.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        environment.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", loopbackDistribution);
        environment.put("RABBITMQ_CTL_ERL_ARGS", loopbackDistribution);
        environment.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        environment.put("ERL_EPMD_PORT", Integer.toString(epmdPort));

        // a port mapper of this node's own, so that stopping it touches no other Erlang node of the machine
        Process epmd = launch(List.of(EPMD.toString(), "-port", Integer.toString(epmdPort), "-address", "127.0.0.1"),
                environment, dir.resolve("epmd.log"));
        Process server = null;
        Thread reaper = null;
        try {
            awaitListening(epmdPort, epmd, dir.resolve("epmd.log"), began);
            server = launch(List.of(SERVER.toString()), environment, dir.resolve("server.out"));
            Process started = server;
            reaper = new Thread(() -> killAll(started, epmd), "rabbit-node-reaper-" + name);
            Runtime.getRuntime().addShutdownHook(reaper);
            awaitListening(mqttPort, server, dir.resolve("log").resolve(name + "@localhost.log"), began);
            awaitListening(amqpPort, server, dir.resolve("log").resolve(name + "@localhost.log"), began);
        } catch (IOException | InterruptedException | RuntimeException | Error failed) {
            killAll(server, epmd);
            if (reaper != null) {
                Runtime.getRuntime().removeShutdownHook(reaper);
            }
            throw failed;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        System.out.println("RabbitMQ node " + name + " ready in " + millis + " ms: MQTT on 127.0.0.1:" + mqttPort
                + ", AMQP " + amqpPort + ", distribution " + distPort + ", epmd " + epmdPort + "; its files in " + dir);
        return new RabbitNode(name, dir, environment, mqttPort, epmd, server, reaper, millis);
    }

    /** {@code tcp://127.0.0.1:<port>}, for an MQTT client. */
    String mqttUri() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    int mqttPort() {
        return mqttPort;
    }

    /** How long the start took, until the listeners accepted connections. */
    long startMillis() {
        return startMillis;
    }

    /** How long {@link #close()} took; -1 before. */
    long stopMillis() {
        return stopMillis;
    }

    /** Process ids of the node's processes (the start script, the Erlang VM and its helpers, epmd). */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Process process : List.of(server, epmd)) {
            pids.add(process.pid());
            process.descendants().forEach(child -> pids.add(child.pid()));
        }
        return pids;
    }

    /** The end of the node's own log, for a failure message. */
    String logTail() {
        return tail(dir.resolve("log").resolve(name + "@localhost.log"));
    }

    /**
     * {@code rabbitmqctl stop} under the node's environment; then whatever is left of the node, epmd
     * included, is killed by process id.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        long began = System.nanoTime();
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(server.toHandle());
        server.descendants().forEach(processes::add);
        try {
            if (server.isAlive()) {
                Process ctl = launch(List.of(CTL.toString(), "stop"), environment, dir.resolve("stop.out"));
                if (!ctl.waitFor(STOP_DEADLINE_MS, TimeUnit.MILLISECONDS)) {
                    ctl.descendants().forEach(ProcessHandle::destroyForcibly);
                    ctl.destroyForcibly();
                }
                server.waitFor(Math.max(1, STOP_DEADLINE_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)),
                        TimeUnit.MILLISECONDS);
            }
        } finally {
            processes.forEach(ProcessHandle::destroyForcibly);
            killAll(server, epmd);
            Runtime.getRuntime().removeShutdownHook(reaper);
            stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            System.out.println("RabbitMQ node " + name + " stopped in " + stopMillis + " ms");
        }
    }

    private static void killAll(Process server, Process epmd) {
        for (Process process : new Process[] {server, epmd}) {
            if (process == null) {
                continue;
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Process launch(List<String> command, Map<String, String> environment, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(output.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("RABBITMQ_") || key.startsWith("ERL_"));
        env.putAll(environment);
        return builder.start();
    }

    private static void awaitListening(int port, Process process, Path log, long began) throws InterruptedException {
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError("the RabbitMQ node's process ended (exit " + process.exitValue()
                            + ") before port " + port + " listened; the end of " + log + ":\n" + tail(log));
                }
                if (System.nanoTime() - began > TimeUnit.MILLISECONDS.toNanos(START_DEADLINE_MS)) {
                    throw new AssertionError("port " + port + " of the RabbitMQ node did not listen within "
                            + START_DEADLINE_MS + " ms; the end of " + log + ":\n" + tail(log));
                }
                Thread.sleep(100);
            }
        }
    }

    /** An Erlang cookie only this node and its rabbitmqctl read (Erlang refuses a cookie others may read). */
    private static void writeCookie(Path cookie) throws IOException {
        Files.writeString(cookie, HexFormat.of().withUpperCase().formatHex(randomBytes(16)),
                StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }
}
