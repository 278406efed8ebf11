package io.tollgate.access.entity;

/** What a request acts on, which decides what restricted tokens may do. */
public enum Scope {
    /** The platform itself (projects as a whole, users): root only. */
    PLATFORM,
    /** Anything any authenticated caller may ask, answered within what it may see. */
    ANY,
    /** Reading the project named in the path; restricted tokens may. */
    PROJECT_READ,
    /** A project-wide action (tokens, members, creating brokers); restricted tokens may not. */
    PROJECT,
    /** The project's broker list; restricted tokens see only their own brokers. */
    BROKERS,
    /** One broker named in the path; restricted tokens only if they list it. */
    BROKER,
    /**
     * The token named in the path: a project-wide action, which that very token may also take on
     * itself whatever its role and type (self-service rotation, spec section 6).
     */
    OWN_TOKEN
}
