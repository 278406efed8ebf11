package io.tollgate.audit.boundary;

import io.tollgate.time.Now;
import io.tollgate.access.entity.Caller;
import io.tollgate.audit.control.RequestOrigin;
import io.tollgate.audit.entity.AuditAction;
import io.tollgate.audit.entity.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The one API every feature records its changes with:
 * {@code audit.action(TOKEN_CREATE).project(p).target(id, name).details(json).record()}.
 * {@link Entry#record()} joins the caller's transaction (and refuses to run without one), so a
 * change and its event commit together or not at all; {@link Entry#recordAlone()} commits at once in
 * a transaction of its own, for the events of a request that fails (a refused login).
 * The actor is the request's caller ({@code root}, a username, {@code token:<name>}) unless
 * {@link Entry#by} or {@link Entry#actor} names it; the address is the request's client address.
 */
@ApplicationScoped
public class AuditTrail {

    @Inject
    Now clock;

    /** The actor of a failed login whose username does not exist: the typed name may be a password. */
    public static final String ANONYMOUS = "anonymous";
    /** The actor of changes made by a leak report ({@code POST /api/tokens/leaks}). */
    public static final String LEAK_REPORT = "leak-report";
    /** The actor of a change made outside any API request (only tests and maintenance do that). */
    public static final String SYSTEM = "system";

    @Inject
    AuditEvents events;

    @Inject
    RequestOrigin origin;

    /** Starts the event of one change. */
    public Entry action(AuditAction action) {
        return new Entry(action);
    }

    /** One event being described; nothing is written until {@link #record()} or {@link #recordAlone()}. */
    public final class Entry {

        private final AuditAction action;
        private String actor;
        private String projectId;
        private String targetId;
        private String targetName;
        private JsonObject details = JsonValue.EMPTY_JSON_OBJECT;

        private Entry(AuditAction action) {
            this.action = action;
        }

        /** The actor is this caller (when a boundary has it at hand, e.g. a token's creator). */
        public Entry by(Caller caller) {
            this.actor = caller.issuer();
            return this;
        }

        /** An actor that is no caller: {@link #ANONYMOUS}, {@link #LEAK_REPORT}, the username of a login. */
        public Entry actor(String name) {
            this.actor = name;
            return this;
        }

        public Entry project(String id) {
            this.projectId = id;
            return this;
        }

        public Entry target(String id, String name) {
            this.targetId = id;
            this.targetName = name;
            return this;
        }

        /** What the change was, as a JSON object: never a secret, a hash or a password. */
        public Entry details(JsonObject json) {
            this.details = json;
            return this;
        }

        /** Writes the event in the caller's transaction: it commits with the change, or not at all. */
        public void record() {
            events.append(event());
        }

        /** Writes and commits the event in a transaction of its own (for requests that fail). */
        public void recordAlone() {
            events.appendAlone(event());
        }

        private AuditEvent event() {
            String ip = null;
            String requestActor = null;
            try {
                ip = origin.ip();
                requestActor = origin.actor();
            } catch (ContextNotActiveException outsideARequest) {
                // a background task: no request, no address
            }
            String who = actor != null ? actor : requestActor != null ? requestActor : SYSTEM;
            return new AuditEvent(clock.millis(), who, action.id(), projectId, targetId, targetName, ip,
                    details);
        }
    }
}
