package io.tollgate.tokens.entity;

import java.util.Locale;
import java.util.Optional;

/** Whether a token acts on all of its project's brokers or only on those it lists. */
public enum TokenType {
    RESTRICTED, UNRESTRICTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TokenType> of(String id) {
        for (TokenType type : values()) {
            if (type.id().equals(id)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
