package io.tollgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The command that starts the WildFly prepared by {@code mvn package -Pwildfly} (property
 * {@code wildfly.home}) with the WAR, for the suites that start their own servers: what
 * {@code bin/standalone.sh} runs, but the JVM itself rather than a shell around it, so that
 * {@link Process#destroy()} is the SIGTERM of a shutdown and {@link Process#destroyForcibly()} a crash.
 * Each server gets its own base directory (configuration, deployments, data, log), the way
 * {@code standalone.sh -Djboss.server.base.dir=…} runs several servers from one installation, and a
 * port offset whose HTTP and management ports are free.
 */
final class WildFlyLaunch {

    /** The ports of the standard socket bindings that an offset moves (HTTP, HTTPS, management HTTP and HTTPS). */
    private static final int[] BASE_PORTS = {8080, 8443, 9990, 9993};

    /**
     * What {@code bin/common.sh} adds on a modular JDK: the exports and opens WildFly's subsystems need
     * (naming, marshalling, the security realm); without them some subsystems fail at boot.
     */
    private static final List<String> MODULAR_OPTIONS = List.of(
            "--add-exports=java.desktop/sun.awt=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.url.ldap=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.url.ldaps=ALL-UNNAMED",
            "--add-exports=jdk.naming.dns/com.sun.jndi.dns=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.security=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.management/javax.management=ALL-UNNAMED",
            "--add-opens=java.naming/javax.naming=ALL-UNNAMED");

    private final Path home;
    private final Path base;
    private final int offset;

    private WildFlyLaunch(Path home, Path base, int offset) {
        this.home = home;
        this.base = base;
        this.offset = offset;
    }

    /** A base directory {@code base} made from the installation's own, with the WAR in its deployments, on a free port offset. */
    static WildFlyLaunch prepare(Path base, Path war) {
        Path home = Path.of(System.getProperty("wildfly.home"));
        try {
            copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
            Files.createDirectories(base.resolve("deployments"));
            Files.copy(war, base.resolve("deployments/tollgate.war"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WildFlyLaunch(home, base, freeOffset());
    }

    int httpPort() {
        return 8080 + offset;
    }

    int managementPort() {
        return 9990 + offset;
    }

    /** The marker the deployment scanner leaves when the WAR failed to deploy (the server itself goes on running). */
    Path failedMarker() {
        return base.resolve("deployments/tollgate.war.failed");
    }

    /** The JVM command: {@code jvmOptions} (e.g. the test servers' JIT flags), then WildFly with {@code serverConfig}. */
    List<String> command(String java, List<String> jvmOptions, String serverConfig, List<String> systemProperties) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        command.addAll(MODULAR_OPTIONS);
        command.addAll(List.of("-Djava.net.preferIPv4Stack=true", "-Djava.awt.headless=true",
                "-Djboss.modules.system.pkgs=org.jboss.byteman",
                "-Dorg.jboss.boot.log.file=" + base.resolve("log/server.log"),
                "-Dlogging.configuration=file:" + base.resolve("configuration/logging.properties"),
                "-jar", home.resolve("jboss-modules.jar").toString(),
                "-mp", home.resolve("modules").toString(),
                "org.jboss.as.standalone",
                "-Djboss.home.dir=" + home,
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + offset));
        command.addAll(systemProperties);
        command.addAll(List.of("-c", serverConfig));
        return command;
    }

    /** An offset (1000–20999) whose HTTP, HTTPS and management ports are free on loopback now. */
    private static int freeOffset() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = 1000 + ThreadLocalRandom.current().nextInt(20_000);
            if (allFree(offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free WildFly port offset found");
    }

    private static boolean allFree(int offset) {
        for (int port : BASE_PORTS) {
            try (ServerSocket socket = new ServerSocket(port + offset, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
