package io.tollgate.access.entity;

import java.util.Locale;
import java.util.Optional;

/** Roles in rank order: each may do everything the ones before it may. */
public enum Role {
    VIEWER, EDITOR, ADMIN, ROOT;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** The name on the wire: {@code viewer}, {@code editor}, {@code admin}, {@code root}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A role a client may ask for: admin, editor or viewer (never root). */
    public static Optional<Role> requestable(String id) {
        for (Role role : values()) {
            if (role != ROOT && role.id().equals(id)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
