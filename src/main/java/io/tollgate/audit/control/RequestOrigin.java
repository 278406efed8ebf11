package io.tollgate.audit.control;

import io.tollgate.access.boundary.Authentication;
import io.tollgate.access.entity.Caller;
import io.tollgate.net.ClientAddress;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who made the current API request and from where, as the audit trail records it. Nothing runs per
 * request: this bean is created only when the request records an event, and then reads the caller the
 * authentication filter left on the request ({@link Authentication#caller}) and the client address (the
 * rule of spec section 6). The actor is null for a request without credential (a login, a leak
 * report: they name their actor themselves).
 */
@RequestScoped
public class RequestOrigin {

    @Inject
    HttpServletRequest request;

    @Inject
    ClientAddress clientAddress;

    private String ip;

    public String actor() {
        Caller caller = Authentication.caller(request);
        return caller == null ? null : caller.issuer();
    }

    public String ip() {
        if (ip == null) {
            ip = clientAddress.of(request);
        }
        return ip;
    }
}
