package io.tollgate.tokens.boundary;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A restricted token lists at least one broker, an unrestricted one none; reported on {@code brokers}. */
@Documented
@Constraint(validatedBy = BrokersMatchTypeValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface BrokersMatchType {

    String message() default "must match the token type";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
