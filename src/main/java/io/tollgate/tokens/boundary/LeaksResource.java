package io.tollgate.tokens.boundary;

import io.tollgate.TollgateApplication;
import io.tollgate.access.boundary.Public;
import io.tollgate.errors.TooManyAttempts;
import io.tollgate.json.JsonBuilders;
import io.tollgate.requests.control.RequestValidator;
import io.tollgate.tokens.control.TokenSecrets;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/tokens/leaks}, open to anyone (spec section 6): whoever finds a secret in a public
 * place reports it, and every token it belongs to (current or previous secret) is suspended. The
 * answer is the same whatever matched, so it is no oracle. It costs little whatever is sent: the body
 * is bounded (64 KiB, 100 values), values that are not well-formed secrets (checksum) are dropped
 * without hashing or a query, each remaining value is hashed once, and all are matched in one query;
 * at most {@link #CONCURRENT} reports touch the database at once on a node, others wait up to a
 * second and then get 429. Any {@code Authorization} header is ignored (spec section 8): a reporter's
 * stale credential never turns a report into a 401, a valid one makes it no less anonymous (the
 * suspensions' actor is {@code leak-report}, and it is no use of that token).
 */
@Path("tokens/leaks")
@Produces(TollgateApplication.JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LeaksResource {

    static final int CONCURRENT = 2;
    private static final Semaphore DATABASE_TURNS = new Semaphore(CONCURRENT);

    @Inject
    TokenLifecycle lifecycle;

    @Inject
    RequestValidator validator;

    @POST
    @Public(ignoresCredentials = true)
    public JsonObject report(JsonObject body) {
        LeakReport report = validator.read(body, LeakReport.class);
        Set<String> hashes = new LinkedHashSet<>();
        for (String value : report.tokens()) {
            String candidate = value.strip();
            if (TokenSecrets.isWellFormed(candidate)) {
                hashes.add(TokenSecrets.hash(candidate));
            }
        }
        if (!hashes.isEmpty()) {
            suspend(hashes, report.suspendReason());
        }
        return JsonBuilders.object().add("received", report.tokens().size()).build();
    }

    private void suspend(Set<String> hashes, String reason) {
        boolean turn;
        try {
            turn = DATABASE_TURNS.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            turn = false;
        }
        if (!turn) {
            throw new TooManyAttempts("too many leak reports at once; send this one again shortly", 1);
        }
        try {
            lifecycle.suspendLeaked(hashes, reason);
        } finally {
            DATABASE_TURNS.release();
        }
    }
}
