package io.tollgate.access.boundary;

import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a resource method: at least {@link #role()} in the request's project, within
 * {@link #scope()}. A method without it is public only if marked {@link Public}; else nobody may call it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Allow {

    Role role();

    Scope scope();

    /**
     * Whether the method creates, changes or deletes credentials (project tokens). A token presented
     * with a previous secret, kept working only for a rotation's grace, may not call such a method
     * (403 {@code previous_secret}, spec section 6), whatever its role.
     */
    boolean writesCredentials() default false;
}
