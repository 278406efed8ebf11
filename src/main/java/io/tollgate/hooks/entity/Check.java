package io.tollgate.hooks.entity;

import java.util.Locale;

/** What a broker asks about a client: may it connect, publish, subscribe, or have a message delivered. */
public enum Check {
    CONNECT, PUBLISH, SUBSCRIBE, READ;

    /** The value of the {@code action} tag of the checks' metric. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
