package io.tollgate.access.entity;

import io.tollgate.json.JsonBuilders;
import io.tollgate.net.CidrList;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.security.Principal;
import java.util.Set;

/**
 * Who is calling, as the authentication filter found out: root, a project token (one project, one
 * role), or a person (a role per project, from memberships, looked up on every request). Built by the
 * credential kind that recognised the credential; access itself knows no credential kind's classes.
 *
 * @param projectId   a token's project, else null
 * @param role        a token's role in its project, else null
 * @param restricted  whether the caller may act only on {@code brokers}
 * @param brokers     the brokers a restricted token lists; empty otherwise
 * @param expiresAt   when the credential stops working (epoch ms), null if never
 * @param credentialId an id the credential's own feature uses to find it again (a token's id), else null
 * @param allowedIps  the blocks a token may be used from, parsed once; empty (any address) for others
 * @param previousSecret whether a token was presented with the secret a rotation replaced, in its grace:
 *                    it keeps working, and may act on no token (spec section 6)
 */
public record Caller(Kind kind, String name, String projectId, Role role, boolean restricted,
                     Set<String> brokers, Long expiresAt, String credentialId, CidrList allowedIps,
                     boolean previousSecret)
        implements Principal, Resolution {

    /** The kinds of credential a caller can present. */
    public enum Kind { ROOT, TOKEN, USER }

    public static Caller root() {
        return new Caller(Kind.ROOT, "root", null, null, false, Set.of(), null, null, CidrList.EMPTY, false);
    }

    /** A project token's caller: {@code validDate} is its expiry, {@code id} its id. */
    public static Caller token(String id, String name, String projectId, Role role, boolean restricted,
                               Set<String> brokers, long validDate) {
        return token(id, name, projectId, role, restricted, brokers, validDate, CidrList.EMPTY);
    }

    /** A project token's caller that may be used only from {@code allowedIps} (empty: from anywhere). */
    public static Caller token(String id, String name, String projectId, Role role, boolean restricted,
                               Set<String> brokers, long validDate, CidrList allowedIps) {
        return new Caller(Kind.TOKEN, name, projectId, role, restricted, Set.copyOf(brokers), validDate, id,
                allowedIps, false);
    }

    /**
     * This token's caller as presented with a previous secret, which works until {@code secretEnds}: it
     * stops working then, or at the token's own end if that comes first, and it acts on no token.
     */
    public Caller withPreviousSecret(long secretEnds) {
        long end = expiresAt == null ? secretEnds : Math.min(expiresAt, secretEnds);
        return new Caller(kind, name, projectId, role, restricted, brokers, end, credentialId, allowedIps, true);
    }

    public static Caller user(String username, long expiresAt) {
        return new Caller(Kind.USER, username, null, null, false, Set.of(), expiresAt, null, CidrList.EMPTY, false);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean isRoot() {
        return kind == Kind.ROOT;
    }

    public boolean isRestricted() {
        return restricted;
    }

    /** Brokers a restricted caller may act on; empty for unrestricted ones, which may act on all. */
    @Override
    public Set<String> brokers() {
        return restricted ? brokers : Set.of();
    }

    /**
     * The expiry nothing this caller creates may outlive: a token's own; null for root and for
     * people, whose session length says nothing about how long their tokens should live.
     */
    public Long validDate() {
        return kind == Kind.TOKEN ? expiresAt : null;
    }

    /** The {@code issuer} of what this caller creates: {@code root}, a username, or {@code token:<name>}. */
    public String issuer() {
        return switch (kind) {
            case ROOT -> "root";
            case USER -> name;
            case TOKEN -> "token:" + name;
        };
    }

    /**
     * The caller as the server sees it (never the credential itself): what {@code whoami} answers, to
     * which {@code auth} adds a person's {@code memberships}.
     */
    public JsonObject toJson() {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("kind", kind.name().toLowerCase())
                .add("name", name);
        if (kind == Kind.TOKEN) {
            JsonArrayBuilder brokerIds = JsonBuilders.array();
            brokers.stream().sorted().forEach(brokerIds::add);
            json.add("project_id", projectId)
                    .add("role", role.id())
                    .add("type", restricted ? "restricted" : "unrestricted")
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
