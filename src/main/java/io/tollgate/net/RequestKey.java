package io.tollgate.net;

import jakarta.servlet.ServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * A typed slot of per-request state: what one filter leaves for the code after it, read back as its
 * own type (never a cast of a string-keyed property at each reader). JAX-RS request properties are the
 * servlet request's attributes, so a value set on either side is read on the other. The slots are
 * declared with the state they carry ({@code RequestFacts}, {@code access.boundary.Authentication}).
 */
public final class RequestKey<T> {

    private final String name;
    private final Class<T> type;

    private RequestKey(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    /** A slot named after its owner, so that no two owners share one. */
    public static <T> RequestKey<T> of(Class<?> owner, String name, Class<T> type) {
        return new RequestKey<>(owner.getName() + "." + name, type);
    }

    /** The value left on this request, or null. */
    public T get(ContainerRequestContext request) {
        return typed(request.getProperty(name));
    }

    /** The value left on this request, or null. */
    public T get(ServletRequest request) {
        return typed(request.getAttribute(name));
    }

    public void set(ContainerRequestContext request, T value) {
        request.setProperty(name, value);
    }

    public void set(ServletRequest request, T value) {
        request.setAttribute(name, value);
    }

    private T typed(Object value) {
        return type.isInstance(value) ? type.cast(value) : null;
    }

    @Override
    public String toString() {
        return name;
    }
}
