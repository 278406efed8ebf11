package io.tollgate.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A private Keycloak (the served {@code keycloak-quarkus-dist}, unpacked into {@code target/} by
 * {@code -Pkeycloak}) for {@link KeycloakIT}: {@code kc.sh start-dev} as a child process of the test JVM,
 * HTTP on 127.0.0.1 and a free port, the realms of a file imported at the start ({@code --import-realm}),
 * an in-memory database ({@code --db=dev-mem}), health and metrics off so that no management interface
 * (port 9000) opens, and the dev profile's local caches (no cluster transport). Its output goes to a
 * directory of its own under {@code target/it/keycloak/}. {@link #close()} stops it with SIGTERM and then
 * kills whatever of its process tree is left, by process id.
 * <p>
 * Keycloak 26 runs on Java 21 or later: it is started with the JDK at {@code tollgate.it.keycloak.java-home}
 * (the machine's Temurin 25 by default), whatever Java runs the tests.
 */
final class KeycloakNode implements AutoCloseable {

    /** About 30 s on a loaded 2-core machine (10 s of it the dev mode's build step); give far more. */
    private static final long START_DEADLINE_MS = 240_000;
    private static final long STOP_DEADLINE_MS = 30_000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dir;
    private final Path output;
    private final Process process;
    private final Thread reaper;
    private final int port;
    private final long startMillis;
    private long readyMillis = -1;
    private long stopMillis = -1;

    private KeycloakNode(Path dir, Path output, Process process, Thread reaper, int port, long startMillis) {
        this.dir = dir;
        this.output = output;
        this.process = process;
        this.reaper = reaper;
        this.port = port;
        this.startMillis = startMillis;
    }

    static Path home() {
        return Path.of(System.getProperty("tollgate.it.keycloak.home", "target/keycloak")).toAbsolutePath();
    }

    static Path javaHome() {
        return Path.of(System.getProperty("tollgate.it.keycloak.java-home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    }

    /** What is missing to start Keycloak here; null when nothing is. */
    static String missing() {
        if (!Files.isRegularFile(home().resolve("bin/kc.sh"))) {
            return "it needs Keycloak unpacked at " + home() + " (mvn verify -Pkeycloak)";
        }
        if (!Files.isExecutable(javaHome().resolve("bin/java"))) {
            return "Keycloak 26 needs Java 21 or later, looked for at " + javaHome()
                    + " (set -Dtollgate.it.keycloak.java-home=<a JDK 21+>)";
        }
        return null;
    }

    /**
     * Skips the calling test where Keycloak or its Java is missing, unless the environment says it must
     * run ({@code TOLLGATE_IT_REQUIRE_KEYCLOAK=1}, as {@code .ci/run} sets it): then the test fails instead.
     */
    static void assumeAvailable() {
        String missing = missing();
        if ("1".equals(System.getenv("TOLLGATE_IT_REQUIRE_KEYCLOAK"))) {
            if (missing != null) {
                throw new AssertionError("TOLLGATE_IT_REQUIRE_KEYCLOAK=1 but " + missing);
            }
            return;
        }
        assumeTrue(missing == null, () -> "skipped: " + missing);
    }

    /**
     * Chooses the port Keycloak will listen on, so that a Tollgate server can be told the URLs before Keycloak
     * is up (Tollgate fetches the keys only when a JWT needs them): {@link #start} then uses it.
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Launches Keycloak on 127.0.0.1:{@code port} with the realms of {@code realms}; {@link #awaitReady} waits for it. */
    static KeycloakNode start(int port, Path realms) throws IOException {
        long began = System.nanoTime();
        Path dir = Path.of(System.getProperty("tollgate.it.dir", "target/it"), "keycloak",
                "kc-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Files.createDirectories(dir);
        // --import-realm reads <home>/data/import: the dist in target/ is this build's own
        Path imports = Files.createDirectories(home().resolve("data").resolve("import"));
        try (var old = Files.list(imports)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Files.copy(realms, imports.resolve(realms.getFileName()), StandardCopyOption.REPLACE_EXISTING);

        List<String> command = List.of("bash", home().resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port,
                "--db=dev-mem", "--import-realm",
                "--health-enabled=false", "--metrics-enabled=false",
                "--log-level=info");
        Path output = dir.resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("KC_") || key.startsWith("KEYCLOAK_") || key.startsWith("JAVA_OPTS")
                || key.startsWith("QUARKUS_"));
        env.put("JAVA_HOME", javaHome().toString());
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // C1 only: the start is JIT-bound on 2 cores, and the suite does too little work for C2 to pay back;
        // jboss-threads resets thread locals through java.lang on Java 24+ (else an IllegalAccessError at the stop)
        env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 --add-opens=java.base/java.lang=ALL-UNNAMED");
        Process process = builder.start();
        Thread reaper = new Thread(() -> kill(process), "keycloak-reaper-" + dir.getFileName());
        Runtime.getRuntime().addShutdownHook(reaper);
        return new KeycloakNode(dir, output, process, reaper, port, TimeUnit.NANOSECONDS.toMillis(began));
    }

    /** Waits until realm {@code realm}'s discovery document is served; fails with the end of Keycloak's log. */
    void awaitReady(String realm) throws InterruptedException {
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer(port, realm) + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = startMillis + START_DEADLINE_MS;
        while (true) {
            try {
                if (HTTP.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime()) - startMillis;
                    System.out.println("Keycloak ready in " + readyMillis + " ms on 127.0.0.1:" + port + "; its files in " + dir);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new AssertionError("Keycloak ended (exit " + process.exitValue() + ") before it was ready:\n" + logTail());
            }
            if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime()) > deadline) {
                throw new AssertionError("Keycloak was not ready within " + START_DEADLINE_MS + " ms:\n" + logTail());
            }
            Thread.sleep(250);
        }
    }

    /** The realm's JWK set URL ({@code jwks_uri}). */
    static String jwksUri(int port, String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm + "/protocol/openid-connect/certs";
    }

    /** {@code http://127.0.0.1:<port>/realms/<realm>}: the {@code iss} of the realm's tokens. */
    static String issuer(int port, String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    /**
     * A person signs in: the resource owner password grant of {@code client} (a public client with direct
     * access grants) in {@code realm}; the token endpoint's JSON answer, whatever its status.
     */
    Reply signIn(String realm, String client, String username, String password) throws IOException, InterruptedException {
        String form = Map.of("grant_type", "password", "client_id", client, "username", username, "password", password)
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer(port, realm) + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** A token endpoint's answer. */
    record Reply(int status, String body) {

        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        /** The access token of a successful sign-in. */
        String accessToken() {
            if (status != 200) {
                throw new AssertionError("the sign-in at Keycloak failed: " + status + " " + body);
            }
            return json().getString("access_token");
        }
    }

    /**
     * The local addresses of every listening TCP socket of Keycloak's processes (from {@code ss -Htlnp}),
     * e.g. {@code 127.0.0.1:8080} or {@code [::ffff:127.0.0.1]:8080}.
     */
    List<String> listeners() throws IOException, InterruptedException {
        List<Long> pids = pids();
        Process ss = new ProcessBuilder("ss", "-Htlnp").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor(10, TimeUnit.SECONDS);
        List<String> listeners = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (pids.stream().anyMatch(pid -> line.contains("pid=" + pid + ","))) {
                listeners.add(line.trim().split("\\s+")[3]);
            }
        }
        return listeners;
    }

    /** Process ids of the start script and the JVMs it started. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(child -> pids.add(child.pid()));
        return pids;
    }

    /** How long the start took, until the realm's discovery document was served; -1 before. */
    long readyMillis() {
        return readyMillis;
    }

    /** How long {@link #close()} took; -1 before. */
    long stopMillis() {
        return stopMillis;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(" + output + " unreadable: " + e + ")";
        }
    }

    /** SIGTERM (kc.sh passes it on to the JVM, which stops Keycloak), then the process tree is killed. */
    @Override
    public void close() throws InterruptedException {
        long began = System.nanoTime();
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        try {
            process.destroy();
            if (!process.waitFor(STOP_DEADLINE_MS, TimeUnit.MILLISECONDS)) {
                System.out.println("Keycloak did not stop within " + STOP_DEADLINE_MS + " ms of SIGTERM: killed");
            }
        } finally {
            tree.forEach(ProcessHandle::destroyForcibly);
            kill(process);
            Runtime.getRuntime().removeShutdownHook(reaper);
            stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            System.out.println("Keycloak stopped in " + stopMillis + " ms");
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
