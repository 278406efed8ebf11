package io.tollgate.runtime;

import jakarta.enterprise.inject.Instance;

/** The {@link Server} bean of the running server, or {@link Server#OTHER} when no package of ours fits it. */
public final class Servers {

    private Servers() {
    }

    public static Server of(Instance<Server> beans) {
        return beans.isResolvable() ? beans.get() : Server.OTHER;
    }
}
