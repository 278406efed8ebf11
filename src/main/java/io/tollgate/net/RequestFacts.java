package io.tollgate.net;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Facts of the servlet request that JAX-RS filters need on every request: the TCP peer and the raw
 * path. The servlet filter every request passes ({@code SecurityHeaders}) leaves them as typed request
 * attributes ({@link RequestKey}), which JAX-RS filters read as request properties; asking the runtime's
 * request-scoped proxy of the servlet request instead costs a proxy call each (about 3 % of a light call's CPU
 * apiece in a profile). When a request did not pass that filter, the servlet request is asked.
 */
public final class RequestFacts {

    static final RequestKey<String> PEER = RequestKey.of(RequestFacts.class, "peer", String.class);
    static final RequestKey<String> RAW_PATH = RequestKey.of(RequestFacts.class, "raw-path", String.class);

    private RequestFacts() {
    }

    /** Called by the servlet filter; {@code rawPath} is the request URI it has already read. */
    public static void leave(HttpServletRequest request, String rawPath) {
        PEER.set(request, request.getRemoteAddr());
        RAW_PATH.set(request, rawPath);
    }

    /** The TCP peer's address as the runtime reports it. */
    public static String peer(ContainerRequestContext request, HttpServletRequest servlet) {
        String peer = PEER.get(request);
        return peer != null ? peer : servlet.getRemoteAddr();
    }

    /** The request path as sent, without the query string. */
    public static String rawPath(ContainerRequestContext request, HttpServletRequest servlet) {
        String path = RAW_PATH.get(request);
        return path != null ? path : servlet.getRequestURI();
    }
}
