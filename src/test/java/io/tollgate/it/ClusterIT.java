package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two nodes on one PostgreSQL, clustered over loopback only with the server's own clustering (Payara
 * Micro's Hazelcast, or WildFly's Infinispan on JGroups with {@code mvn verify -Pwildfly}): a token
 * revoked on one is refused by the other within a second, so is a token suspended on one and a
 * previous secret whose grace ended, and the survivor serves everything when the other dies.
 */
@EnabledIfSystemProperty(named = "tollgate.it.db", matches = "postgresql")
class ClusterIT {

    private static final Duration STARTUP = Duration.ofSeconds(420); // two nodes starting at once on a shared 2-core machine
    private static final String ROOT = "cluster-root-credential-0123456789abcdef";

    private final Path dir = Path.of(System.getProperty("tollgate.it.dir"), "cluster-" + System.nanoTime());

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // two server starts of up to 7 min each, then the scenario
    void revocationOnOneNodeReachesTheOtherAndTheSurvivorServesAlone() throws Exception {
        Map<String, String> env = Map.of("TOLLGATE_ROOT_TOKEN", ROOT);
        String members = TollgateServer.clusterMembers(2);
        // one data directory: both nodes sign session JWTs with the one key generated there
        try (TollgateServer a = TollgateServer.startClusterNode("nodeA", members, 0, dir.resolve("data"), dir.resolve("a.log"), env);
             TollgateServer b = TollgateServer.startClusterNode("nodeB", members, 1, dir.resolve("data"), dir.resolve("b.log"), env)) {
            assertTrue(a.awaitReady(STARTUP), a.log());
            assertTrue(b.awaitReady(STARTUP), b.log());
            assertLoopbackOnly(members, a, b);
            awaitClusterOfTwo(a, b);

            Api rootA = a.api(ROOT);
            Fixtures fixtures = new Fixtures(rootA);
            String project = fixtures.project();
            JsonObject token = fixtures.token(project, "viewer");
            Api onB = b.api(token.getString("token"));
            assertEquals(200, onB.get("api/projects/" + project).status(), "created on A, works on B");

            assertEquals(200, rootA.delete("api/projects/" + project + "/tokens/" + token.getString("id")).status());
            long deleted = System.nanoTime();
            long delayMillis = -1;
            // node B caches the token with no expiry: only the cluster-wide invalidation can make it refuse
            // the token, so any finite bound proves the propagation; 10 s leaves room on a loaded machine
            while (System.nanoTime() - deleted < Duration.ofSeconds(20).toNanos()) {
                if (onB.get("api/projects/" + project).status() == 401) {
                    delayMillis = (System.nanoTime() - deleted) / 1_000_000;
                    break;
                }
                Thread.sleep(5);
            }
            System.out.println("cluster: token deleted on node A was refused on node B after " + delayMillis + " ms");
            assertTrue(delayMillis >= 0 && delayMillis < 10_000, "revocation delay " + delayMillis + " ms");

            suspensionAndTheEndOfAGraceReachTheOtherNodeWithinASecond(b, rootA);

            String login = fixtures.unique("u");
            assertEquals(200, rootA.createUser(login, "a-long-password").status());
            String jwt = a.api(null).login(login, "a-long-password")
                    .object().getString("token");
            assertEquals(200, b.api(jwt).get("api/auth/whoami").status(), "a session from A works on B");

            a.kill();
            Api rootB = b.api(ROOT);
            Api.Reply ready = Api.send(HttpRequest.newBuilder(b.monitoring().resolve("health/ready")).build());
            assertEquals(200, ready.status(), ready::toString);
            String survivorProject = new Fixtures(rootB).project();
            String secret = new Fixtures(rootB).secret(survivorProject, "admin");
            assertEquals(200, b.api(secret).get("api/projects/" + survivorProject + "/tokens").status());
            assertEquals(200, rootB.get("api/projects/" + project).status());
            assertTrue(b.log().contains("Token cache invalidation is cluster-wide"));
        }
    }

    /**
     * Spec section 6 on two nodes: a suspension on node A is refused on node B (which had cached the
     * token) within a second; and a previous secret that B had cached during its grace is refused on B
     * within a second of the grace's end, with no event at that moment (the cached entry knows the end).
     */
    private static void suspensionAndTheEndOfAGraceReachTheOtherNodeWithinASecond(TollgateServer b, Api rootA)
            throws Exception {
        Fixtures fixtures = new Fixtures(rootA);
        String project = fixtures.project();
        JsonObject token = fixtures.token(project, "viewer");
        Api onB = b.api(token.getString("token"));
        assertEquals(200, onB.get("api/projects/" + project).status(), "cached on B");
        assertEquals(200, rootA.post("api/projects/" + project + "/tokens/" + token.getString("id") + "/suspend",
                Api.object().add("reason", "cluster test")).status());
        long suspended = System.nanoTime();
        long delayMillis = awaitRefusal(onB, project, "suspended", suspended);
        System.out.println("cluster: token suspended on node A was refused on node B after " + delayMillis + " ms");
        assertTrue(delayMillis >= 0 && delayMillis < 1_000, "suspension delay " + delayMillis + " ms");

        JsonObject rotating = fixtures.token(project, "viewer");
        Api.Reply rotated = rootA.post("api/projects/" + project + "/tokens/" + rotating.getString("id") + "/rotate",
                Api.object().add("grace_seconds", 8));
        assertEquals(200, rotated.status(), rotated::toString);
        long until = rotated.object().getJsonNumber("previous_valid_until").longValue();
        Api oldOnB = b.api(rotating.getString("token"));
        // 8 s of grace leave room for this one request on a loaded machine; B now caches the old secret
        assertEquals(200, oldOnB.get("api/projects/" + project).status(), "the old secret in its grace, on B");
        Thread.sleep(Math.max(0, until - System.currentTimeMillis()));
        long ended = System.nanoTime() - Math.max(0, System.currentTimeMillis() - until) * 1_000_000;
        long graceDelay = awaitRefusal(oldOnB, project, "rotated", ended);
        System.out.println("cluster: the end of a grace window was observed on node B after " + graceDelay + " ms");
        assertTrue(graceDelay >= 0 && graceDelay < 1_000, "end of grace delay " + graceDelay + " ms");
        assertEquals(200, b.api(rotated.object().getString("token")).get("api/projects/" + project).status());
    }

    /** Milliseconds from {@code since} (nanoTime) until {@code api} gets a 401 with this reason; -1 if not within 20 s. */
    private static long awaitRefusal(Api api, String project, String reason, long since) throws InterruptedException {
        while (System.nanoTime() - since < Duration.ofSeconds(20).toNanos()) {
            Api.Reply reply = api.get("api/projects/" + project);
            if (reply.status() == 401) {
                assertEquals(reason, reply.object().getJsonObject("info").getString("reason"), reply::toString);
                return (System.nanoTime() - since) / 1_000_000;
            }
            Thread.sleep(5);
        }
        return -1;
    }

    /** Payara logs the size of its Hazelcast cluster; on WildFly the invalidation bean logs its cache's members. */
    private static void awaitClusterOfTwo(TollgateServer a, TollgateServer b) throws InterruptedException {
        String two = Servers.wildfly() ? "members: 2 [" : "DG Size: 2";
        for (int i = 0; i < 120; i++) {
            if (a.log().contains(two) || b.log().contains(two)) {
                return;
            }
            Thread.sleep(500);
        }
        fail("the nodes did not form a cluster:\n" + a.log());
    }

    /**
     * The network rule: no UDP socket, the cluster's ports (those of {@code members}: Hazelcast's, or
     * JGroups') listening on loopback only, and on WildFly, which binds everything to 127.0.0.1, no
     * listening socket elsewhere. Stops at once if not.
     */
    private static void assertLoopbackOnly(String members, TollgateServer... nodes) throws IOException, InterruptedException {
        // the port of each member, HOST:PORT (Payara) or HOST[PORT] (WildFly)
        String clusterPort = ".*:(" + Pattern.compile("(\\d+)]?(?:,|$)").matcher(members).results()
                .map(port -> port.group(1)).collect(Collectors.joining("|")) + ")\\s.*";
        Process ss = new ProcessBuilder("ss", "-tulnp").redirectErrorStream(true).start();
        String sockets = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        for (TollgateServer node : nodes) {
            List<String> own = sockets.lines().filter(l -> l.contains("pid=" + node.process().pid() + ",")).toList();
            for (String line : own) {
                boolean udp = line.startsWith("udp");
                boolean clusterOutsideLoopback = line.matches(clusterPort) && !line.contains("127.0.0.1");
                boolean outsideLoopback = Servers.wildfly() && !line.contains("127.0.0.1:");
                if (udp || clusterOutsideLoopback || outsideLoopback) {
                    for (TollgateServer n : nodes) {
                        n.kill();
                    }
                    fail("network rule broken, nodes stopped: " + line);
                }
            }
            assertTrue(own.stream().anyMatch(l -> l.contains("127.0.0.1") && l.matches(clusterPort)),
                    "the cluster listens on loopback:\n" + own);
        }
    }
}
