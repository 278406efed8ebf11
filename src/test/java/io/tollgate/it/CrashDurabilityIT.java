package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Spec section 7, Durability: a change answered 2xx survives a SIGKILL of the server, on the database
 * the suite runs on (the embedded H2 default, or PostgreSQL with {@code -Ppostgresql}). Rotations,
 * creations and deletions run from several threads while suspensions are answered; the server is
 * killed right after the last answered suspension, with the other writes still in flight, and
 * restarted on the same data. Each worker has a project of its own, so that each project's audit
 * trail fits in one page.
 */
@Tag(RuntimeSubset.TAG)
class CrashDurabilityIT {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final String ROOT = "crash-durability-root-credential-0123456789";
    /** Writes before the suspensions begin: long enough for a write-behind delay to matter. */
    private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(3);
    private static final int ROTATORS = 3;
    private static final int SUSPENSIONS = 3;
    /** Changes per worker at most: its project's audit trail stays within one page of 1 000 events. */
    private static final int MOST_CHANGES_PER_WORKER = 400;

    private final Path dir = Path.of(System.getProperty("tollgate.it.dir"), "crash-" + System.nanoTime());

    @Test
    void everyAnsweredChangeSurvivesASigkillUnderConcurrentWrites() throws Exception {
        Map<String, String> env = Map.of("TOLLGATE_ROOT_TOKEN", ROOT);
        List<Rotation> rotations = new ArrayList<>();
        List<Token> suspended = new ArrayList<>();
        Creator creator;
        Deleter deleter;
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService workers = Executors.newFixedThreadPool(ROTATORS + 2);
        try (TollgateServer server = TollgateServer.start(dir.resolve("data"), dir.resolve("first.log"), env)) {
            assertTrue(server.awaitReady(STARTUP), server.log());
            Api root = server.api(ROOT);
            Fixtures fixtures = new Fixtures(root);
            for (int i = 0; i < ROTATORS; i++) {
                String project = fixtures.project();
                rotations.add(new Rotation(project, fixtures.token(project, "viewer")));
            }
            String victims = fixtures.project();
            List<Token> toSuspend = new ArrayList<>();
            for (int i = 0; i < SUSPENSIONS; i++) {
                toSuspend.add(Token.of(victims, fixtures.token(victims, "viewer")));
            }
            creator = new Creator(fixtures.project());
            String deletions = fixtures.project();
            List<Token> toDelete = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                toDelete.add(Token.of(deletions, fixtures.token(deletions, "viewer")));
            }
            deleter = new Deleter(toDelete);

            for (Rotation rotation : rotations) {
                workers.submit(() -> rotation.run(root, running));
            }
            workers.submit(() -> creator.run(root, running));
            workers.submit(() -> deleter.run(root, running));
            Thread.sleep(LOAD_BEFORE_KILL.toMillis());
            for (Token victim : toSuspend) {
                Api.Reply reply = root.post(Api.token(victim.project(), victim.id()) + "/suspend", Api.object());
                assertEquals(200, reply.status(), reply::toString);
                suspended.add(victim);
            }
            server.kill();
            running.set(false);
            workers.shutdown();
            assertTrue(workers.awaitTermination(60, TimeUnit.SECONDS), "the writers stop once the server is gone");
            assertTrue(rotations.stream().allMatch(r -> r.secrets.size() > 2) && creator.created.size() > 2
                    && deleter.deleted.size() > 2, "too little was written before the kill to test anything: "
                    + rotations.stream().map(r -> r.secrets.size() - 1).toList() + " rotations, "
                    + creator.created.size() + " creations, " + deleter.deleted.size() + " deletions");
        }

        try (TollgateServer server = TollgateServer.start(dir.resolve("data"), dir.resolve("restart.log"), env)) {
            assertTrue(server.awaitReady(STARTUP), server.log());
            Api root = server.api(ROOT);
            List<String> lost = new ArrayList<>();
            for (Token victim : suspended) {
                expectRefused(root.as(victim.secret()), "suspended", "answered suspension of " + victim.id(), lost);
                expectEvent(root, victim.project(), "token.suspend", victim.id(), 1, lost);
            }
            for (Rotation rotation : rotations) {
                rotation.check(root, lost);
            }
            for (Token created : creator.created) {
                expectAccepted(root.as(created.secret()), "answered creation of " + created.id(), lost);
                expectEvent(root, created.project(), "token.create", created.id(), 1, lost);
            }
            for (Token gone : deleter.deleted) {
                expectRefused(root.as(gone.secret()), "revoked", "answered deletion of " + gone.id(), lost);
                expectEvent(root, gone.project(), "token.delete", gone.id(), 1, lost);
            }
            System.out.printf("crash durability: %s rotations, %d creations, %d deletions, %d suspensions answered%n",
                    rotations.stream().map(r -> r.secrets.size() - 1).toList(), creator.created.size(),
                    deleter.deleted.size(), suspended.size());
            assertEquals(List.of(), lost, "answered changes undone by the SIGKILL");
        }
    }

    /** A token as created: its project, id and secret. */
    record Token(String project, String id, String secret) {
        static Token of(String project, JsonObject created) {
            return new Token(project, created.getString("id"), created.getString("token"));
        }
    }

    /** One thread rotating one token over and over (no grace: each answered rotation ends the previous secret). */
    static final class Rotation {
        final String project;
        final String tokenId;
        /** The creation's secret, then each answered rotation's, in order. */
        final List<String> secrets = new CopyOnWriteArrayList<>();
        /** Whether a rotation was sent and not answered when the server died: it may or may not have committed. */
        volatile boolean unanswered;

        Rotation(String project, JsonObject created) {
            this.project = project;
            this.tokenId = created.getString("id");
            secrets.add(created.getString("token"));
        }

        void run(Api root, AtomicBoolean running) {
            while (running.get() && secrets.size() <= MOST_CHANGES_PER_WORKER) {
                unanswered = true;
                try {
                    Api.Reply reply = root.post(Api.token(project, tokenId) + "/rotate", Api.object());
                    if (reply.status() == 200) {
                        secrets.add(reply.object().getString("token"));
                        unanswered = false;
                    }
                } catch (RuntimeException serverGone) {
                    return;
                }
            }
            unanswered = false;
        }

        /** Every secret an answered rotation ended is refused; the last answered one works, unless a later rotation may have ended it. */
        void check(Api root, List<String> lost) {
            int answered = secrets.size() - 1;
            for (int i = 0; i < answered; i++) {
                expectRefused(root.as(secrets.get(i)), "rotated", "rotation " + (i + 1) + " of " + tokenId
                        + " ended this secret", lost);
            }
            String last = secrets.get(answered);
            Api.Reply reply = root.as(last).get("api/auth/whoami");
            boolean refusedAsRotated = reply.status() == 401 && "rotated".equals(reason(reply));
            if (reply.status() != 200 && !(unanswered && refusedAsRotated)) {
                lost.add("the secret of answered rotation " + answered + " of " + tokenId + ": " + reply);
            }
            expectEvent(root, project, "token.rotate", tokenId, answered, lost);
        }
    }

    /** One thread creating tokens in its project. */
    static final class Creator {
        final String project;
        final Queue<Token> created = new ConcurrentLinkedQueue<>();
        final AtomicInteger sequence = new AtomicInteger();

        Creator(String project) {
            this.project = project;
        }

        void run(Api root, AtomicBoolean running) {
            while (running.get() && created.size() < MOST_CHANGES_PER_WORKER) {
                try {
                    Api.Reply reply = root.createToken(project, Api.TokenSpec.of("c" + sequence.incrementAndGet(), "viewer"));
                    if (reply.status() == 200) {
                        created.add(Token.of(project, reply.object()));
                    }
                } catch (RuntimeException serverGone) {
                    return;
                }
            }
        }
    }

    /** One thread deleting the tokens it was given, one after the other. */
    static final class Deleter {
        final Queue<Token> left;
        final Queue<Token> deleted = new ConcurrentLinkedQueue<>();

        Deleter(List<Token> tokens) {
            this.left = new ConcurrentLinkedQueue<>(tokens);
        }

        void run(Api root, AtomicBoolean running) {
            Token next;
            while (running.get() && (next = left.poll()) != null) {
                try {
                    Api.Reply reply = root.deleteToken(next.project(), next.id());
                    if (reply.status() / 100 == 2) {
                        deleted.add(next);
                    }
                } catch (RuntimeException serverGone) {
                    return;
                }
            }
        }
    }

    private static void expectRefused(Api credential, String reason, String what, List<String> lost) {
        Api.Reply reply = credential.get("api/auth/whoami");
        if (reply.status() != 401 || !reason.equals(reason(reply))) {
            lost.add(what + ": expected 401 " + reason + ", got " + reply);
        }
    }

    private static void expectAccepted(Api credential, String what, List<String> lost) {
        Api.Reply reply = credential.get("api/auth/whoami");
        if (reply.status() != 200) {
            lost.add(what + ": its secret was refused: " + reply);
        }
    }

    /** At least {@code count} events of {@code action} on {@code target} in the project's audit trail. */
    private static void expectEvent(Api root, String project, String action, String target, int count, List<String> lost) {
        Api.Reply reply = root.get(Api.project(project) + "/audit?limit=1000");
        assertEquals(200, reply.status(), reply::toString);
        long found = reply.array().getValuesAs(JsonObject.class).stream()
                .filter(event -> action.equals(event.getString("action")) && target.equals(event.getString("target_id", null)))
                .count();
        if (found < count) {
            lost.add(action + " events of " + target + ": " + found + " of " + count + " answered");
        }
    }

    private static String reason(Api.Reply reply) {
        JsonObject info = reply.object().getJsonObject("info");
        return info == null ? null : info.getString("reason", null);
    }
}
