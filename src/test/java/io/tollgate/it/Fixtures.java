package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.UUID;

/** Creates what a test needs through the API itself, as root. */
public final class Fixtures {

    public static final String ROOT = System.getProperty("tollgate.it.root-token",
            "it-root-credential-0123456789abcdefghijklmnop");

    private final Api root;

    public Fixtures(Api root) {
        this.root = root;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String project() {
        Api.Reply reply = root.createProject(unique("p"));
        assertEquals(200, reply.status(), reply::toString);
        return reply.object().getString("id");
    }

    public String broker(String projectId) {
        Api.Reply reply = root.createBroker(projectId, unique("b"), "mqtt://broker.local:1883");
        assertEquals(200, reply.status(), reply::toString);
        return reply.object().getString("id");
    }

    /** A token created by root; the JSON of its creation, secret included. */
    public JsonObject token(String projectId, String role, String... brokers) {
        Api.TokenSpec spec = Api.TokenSpec.of(unique("t").substring(0, 10), role);
        Api.Reply reply = root.createToken(projectId, brokers.length == 0 ? spec.unrestricted() : spec.restricted(brokers));
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    public String secret(String projectId, String role, String... brokers) {
        return token(projectId, role, brokers).getString("token");
    }
}
