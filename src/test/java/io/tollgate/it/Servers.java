package io.tollgate.it;

import java.net.URI;

/**
 * What differs between the servers the suites run on (property {@code tollgate.it.server}: Payara
 * Micro unless {@code wildfly}, which {@code mvn verify -Pwildfly} sets). Payara serves health at
 * the HTTP port's root; WildFly at its management port (9990 plus the port offset). Metrics are the
 * WAR's own ({@code /metrics} beside {@code /api}) on both.
 */
public final class Servers {

    private Servers() {
    }

    public static boolean wildfly() {
        return "wildfly".equals(System.getProperty("tollgate.it.server"));
    }

    /** The root under which {@code health/ready} is served for an application at {@code base}. */
    public static String monitoringRoot(URI base) {
        if (wildfly()) {
            int port = 9990 + Integer.getInteger("wildfly.port-offset", 0);
            return "http://" + base.getHost() + ":" + port + "/";
        }
        return base.resolve("/").toString();
    }

    /** Whether a line of the server log starts a record ({@code [2026-…} on Payara, {@code 2026-… } on WildFly). */
    public static boolean startsLogRecord(String line) {
        return wildfly() ? line.matches("(\\e\\[[0-9;]*m)*\\d{4}-\\d\\d-\\d\\d \\d\\d:.*") : line.startsWith("[20");
    }
}
