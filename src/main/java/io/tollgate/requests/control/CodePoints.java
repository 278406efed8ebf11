package io.tollgate.requests.control;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A length of {@code min..max} code points, as the contract counts them ({@code @Size} counts UTF-16
 * units, so an emoji would count twice). Nothing is normalised: for secrets such as passwords.
 */
@Documented
@Constraint(validatedBy = CodePointsValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface CodePoints {

    int min() default 0;

    int max();

    String message() default "must be {min} to {max} characters long";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
