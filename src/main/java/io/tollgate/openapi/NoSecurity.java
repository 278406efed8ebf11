package io.tollgate.openapi;

import java.util.AbstractList;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * An operation's {@code security: []} (no credential needed), as Payara writes it: its writer leaves
 * out every list whose {@code isEmpty()} is true, so this empty list says it is not. Only the written
 * document reads it after {@link StrictDocument} sets it; it has no elements and refuses new ones.
 */
final class NoSecurity extends AbstractList<SecurityRequirement> {

    @Override
    public SecurityRequirement get(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public int size() {
        return 0;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }
}
