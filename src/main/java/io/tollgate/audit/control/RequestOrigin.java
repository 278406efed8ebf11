package io.tollgate.audit.control;

import jakarta.enterprise.context.RequestScoped;
import java.util.function.Supplier;

/**
 * Who made the current API request and from where, as the audit trail records it: set once per
 * request by {@code audit.boundary.RequestOrigins} after authentication. The actor is null for a
 * request without credential (a login, a leak report: they name their actor themselves).
 */
@RequestScoped
public class RequestOrigin {

    private String actor;
    private Supplier<String> address;
    private String ip;

    /** {@code address} is asked at most once, when the first event of the request needs it. */
    public void set(String actor, Supplier<String> address) {
        this.actor = actor;
        this.address = address;
    }

    public String actor() {
        return actor;
    }

    public String ip() {
        if (ip == null && address != null) {
            ip = address.get();
            address = null;
        }
        return ip;
    }
}
