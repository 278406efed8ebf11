package io.tollgate.access.boundary;

import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Refusal;
import io.tollgate.net.RequestKey;
import jakarta.servlet.ServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * What the authentication pass left on a request, as typed values, for whoever runs after it: the
 * caller (also for code that has only the servlet request, such as the audit trail), the refusal of a
 * presented credential (401), and whether a token was refused for its IP allow-list (403). Only this
 * package writes them.
 */
public final class Authentication {

    private static final RequestKey<Caller> CALLER = RequestKey.of(Authentication.class, "caller", Caller.class);
    private static final RequestKey<Refusal> REFUSAL = RequestKey.of(Authentication.class, "refusal", Refusal.class);
    private static final RequestKey<Boolean> IP_REFUSED =
            RequestKey.of(Authentication.class, "ip-refused", Boolean.class);

    private Authentication() {
    }

    /** The authenticated caller, or null. */
    public static Caller caller(ServletRequest request) {
        return CALLER.get(request);
    }

    /** Why a presented credential was refused with 401, or null. */
    public static Refusal refusal(ContainerRequestContext request) {
        return REFUSAL.get(request);
    }

    /** Whether a token's request was refused with 403 because of its IP allow-list. */
    public static boolean ipRefused(ContainerRequestContext request) {
        return Boolean.TRUE.equals(IP_REFUSED.get(request));
    }

    static void authenticated(ContainerRequestContext request, Caller caller) {
        CALLER.set(request, caller);
    }

    static void refused(ContainerRequestContext request, Refusal refusal) {
        REFUSAL.set(request, refusal);
    }

    static void refusedForAddress(ContainerRequestContext request) {
        IP_REFUSED.set(request, Boolean.TRUE);
    }
}
