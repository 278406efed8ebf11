package io.tollgate.runtime;

/**
 * What the application asks of the server it runs on, where the servers differ (docs/runtimes.md).
 * One implementation per server, in {@code runtime.payara} and {@code runtime.wildfly}; {@code beans.xml}
 * keeps the other server's package out. {@link #OTHER} stands for a server with neither.
 */
public interface Server {

    /** A server Tollgate knows nothing particular of: no port to print, its own stop. */
    Server OTHER = new Server() {
    };

    /** The HTTP port the server listens on, or 0 when it cannot tell. */
    default int httpPort() {
        return 0;
    }

    /**
     * Stops accepting connections before the server takes the application down, where the server would
     * otherwise keep answering with pages of its own while it stops; elsewhere nothing.
     */
    default void stopListening() {
    }
}
