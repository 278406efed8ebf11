package io.tollgate.tokens.entity;

import io.tollgate.access.entity.Role;
import java.util.Set;

/** A valid request to create a token ({@link TokenBody#toRequest}); {@code validDate} is still text. */
public record TokenRequest(String name, Role role, TokenType type, Set<String> brokers, String validDate) {
}
