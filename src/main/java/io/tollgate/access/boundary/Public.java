package io.tollgate.access.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A resource method callers reach without a credential. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Public {

    /**
     * Whether an {@code Authorization} header is not even read: the request stays anonymous whatever
     * it carries, so a stale credential never turns it into a 401 (and it is no use of a token). Else
     * a presented credential is checked as on every route.
     */
    boolean ignoresCredentials() default false;
}
