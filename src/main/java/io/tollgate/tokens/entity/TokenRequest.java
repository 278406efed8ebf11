package io.tollgate.tokens.entity;

import io.tollgate.access.entity.Role;
import io.tollgate.net.CidrList;
import java.util.Set;

/**
 * A valid request to create a token ({@link TokenBody#toRequest}); {@code validDate} is still text.
 * {@code allowedIps} is what the client named ({@code []} when absent): the creator's own list may
 * still narrow it ({@code Tokens}).
 */
public record TokenRequest(String name, Role role, TokenType type, Set<String> brokers, String validDate,
                           CidrList allowedIps) {

    /** A request that names no {@code allowed_ips}. */
    public TokenRequest(String name, Role role, TokenType type, Set<String> brokers, String validDate) {
        this(name, role, type, brokers, validDate, CidrList.EMPTY);
    }
}
