package io.tollgate.brokers.entity;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Text that {@link BrokerUrl#parse} accepts; {@code null} is valid: pair with {@code @NotNull}. */
@Documented
@Constraint(validatedBy = BrokerUrlValueValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface BrokerUrlValue {

    String message() default "must be a broker address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
