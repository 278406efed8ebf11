package io.tollgate.audit.control;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who made the current API request and from where, as the audit trail records it: set once per
 * request by {@code audit.boundary.RequestOrigins} after authentication. The actor is null for a
 * request without credential (a login, a leak report: they name their actor themselves).
 */
@RequestScoped
public class RequestOrigin {

    private String actor;
    private String ip;

    public void set(String actor, String ip) {
        this.actor = actor;
        this.ip = ip;
    }

    public String actor() {
        return actor;
    }

    public String ip() {
        return ip;
    }
}
