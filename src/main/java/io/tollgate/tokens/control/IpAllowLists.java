package io.tollgate.tokens.control;

import io.tollgate.errors.InvalidField;
import io.tollgate.net.Cidr;
import io.tollgate.net.CidrList;

/**
 * No escalation for {@code allowed_ips} (spec section 6): a credential restricted to some addresses
 * cannot hand out a token usable from more of them. Root and people have no list ({@code []}), so
 * they may grant any.
 */
public final class IpAllowLists {

    static final String FIELD = "allowed_ips";

    private IpAllowLists() {
    }

    /** The list of a new token: the requested one, or the creator's own when it names none. */
    public static CidrList forNewToken(CidrList requested, CidrList creator) {
        if (creator.isEmpty()) {
            return requested;
        }
        if (requested.isEmpty()) {
            return creator;
        }
        requireInside(requested, creator);
        return requested;
    }

    /** The list a PATCH sets: {@code []} (any address) is wider than any list, so a restricted caller cannot set it. */
    public static CidrList forPatch(CidrList requested, CidrList caller) {
        if (caller.isEmpty()) {
            return requested;
        }
        if (requested.isEmpty()) {
            throw new InvalidField(FIELD, "allowed_ips cannot be emptied by a credential that is itself "
                    + "restricted to some addresses: name blocks inside its own");
        }
        requireInside(requested, caller);
        return requested;
    }

    /**
     * Whether a token usable from {@code list} is usable from no more addresses than a caller limited to
     * {@code own}: always when {@code own} is {@code []} (any address); never when {@code list} is
     * {@code []} and {@code own} is not; else when every block of it lies inside one of {@code own}.
     */
    public static boolean isInside(CidrList list, CidrList own) {
        if (own.isEmpty()) {
            return true;
        }
        return !list.isEmpty() && list.blocks().stream().allMatch(own::covers);
    }

    private static void requireInside(CidrList requested, CidrList own) {
        for (Cidr block : requested.blocks()) {
            if (!own.covers(block)) {
                throw new InvalidField(FIELD, "allowed_ips entry " + block
                        + " does not lie inside the allowed_ips of the credential making this request");
            }
        }
    }
}
