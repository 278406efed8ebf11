package io.tollgate.access.entity;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The id of a role a request may ask for ({@link Role#requestable}): never root. {@code null} is valid. */
@Documented
@Constraint(validatedBy = RequestableRoleValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequestableRole {

    String message() default "must be admin, editor or viewer";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
