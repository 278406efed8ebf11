package io.tollgate.access.entity;

import io.tollgate.tokens.entity.ActiveToken;
import java.security.Principal;
import java.util.Set;

/**
 * Who is calling, as the authentication filter found out. A token caller belongs to one project
 * with one role; root belongs to none and may do everything.
 */
public record Caller(Kind kind, String name, ActiveToken token) implements Principal {

    /** The kinds of credential a caller can present. */
    public enum Kind { ROOT, TOKEN }

    public static Caller root() {
        return new Caller(Kind.ROOT, "root", null);
    }

    public static Caller of(ActiveToken token) {
        return new Caller(Kind.TOKEN, token.name(), token);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean isRoot() {
        return kind == Kind.ROOT;
    }

    /** The caller's role in a project, or null if it has none there. */
    public Role roleIn(String projectId) {
        if (isRoot()) {
            return Role.ROOT;
        }
        return token.projectId().equals(projectId) ? token.role() : null;
    }

    public boolean isRestricted() {
        return token != null && token.isRestricted();
    }

    /** Brokers a restricted caller may act on; empty for unrestricted ones, which may act on all. */
    public Set<String> brokers() {
        return isRestricted() ? token.brokers() : Set.of();
    }

    /** The caller's own expiry, which nothing it creates may outlive; null if it never expires. */
    public Long validDate() {
        return token == null ? null : token.validDate();
    }

    /** The {@code issuer} of what this caller creates: {@code root} or {@code token:<name>}. */
    public String issuer() {
        return isRoot() ? "root" : "token:" + token.name();
    }
}
