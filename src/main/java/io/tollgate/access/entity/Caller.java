package io.tollgate.access.entity;

import io.tollgate.json.JsonBuilders;
import io.tollgate.tokens.entity.ActiveToken;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.security.Principal;
import java.util.Set;

/**
 * Who is calling, as the authentication filter found out: root, a project token (one project, one
 * role), or a person (a role per project, from memberships, looked up on every request).
 *
 * @param expiresAt when the credential stops working (epoch ms), null if never
 */
public record Caller(Kind kind, String name, ActiveToken token, Long expiresAt) implements Principal {

    /** The kinds of credential a caller can present. */
    public enum Kind { ROOT, TOKEN, USER }

    public static Caller root() {
        return new Caller(Kind.ROOT, "root", null, null);
    }

    public static Caller of(ActiveToken token) {
        return new Caller(Kind.TOKEN, token.name(), token, token.validDate());
    }

    public static Caller user(String username, long expiresAt) {
        return new Caller(Kind.USER, username, null, expiresAt);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean isRoot() {
        return kind == Kind.ROOT;
    }

    public boolean isRestricted() {
        return token != null && token.isRestricted();
    }

    /** Brokers a restricted caller may act on; empty for unrestricted ones, which may act on all. */
    public Set<String> brokers() {
        return isRestricted() ? token.brokers() : Set.of();
    }

    /**
     * The expiry nothing this caller creates may outlive: a token's own; null for root and for
     * people, whose session length says nothing about how long their tokens should live.
     */
    public Long validDate() {
        return token == null ? null : token.validDate();
    }

    /** The {@code issuer} of what this caller creates: {@code root}, a username, or {@code token:<name>}. */
    public String issuer() {
        return switch (kind) {
            case ROOT -> "root";
            case USER -> name;
            case TOKEN -> "token:" + token.name();
        };
    }

    /** What {@code whoami} answers: the caller as the server sees it (never the credential itself). */
    public JsonObject toJson() {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("kind", kind.name().toLowerCase())
                .add("name", name);
        if (token != null) {
            JsonArrayBuilder brokerIds = JsonBuilders.array();
            token.brokers().stream().sorted().forEach(brokerIds::add);
            json.add("project_id", token.projectId())
                    .add("role", token.role().id())
                    .add("type", token.type().id())
                    .add("brokers", brokerIds);
        } else {
            json.addNull("project_id");
            if (isRoot()) {
                json.add("role", Role.ROOT.id());
            } else {
                json.addNull("role");
            }
            json.addNull("type").addNull("brokers");
        }
        if (expiresAt == null) {
            json.addNull("expires_at");
        } else {
            json.add("expires_at", expiresAt);
        }
        return json.build();
    }
}
