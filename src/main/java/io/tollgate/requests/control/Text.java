package io.tollgate.requests.control;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A name as a reader sees it: {@code min..max} code points (not UTF-16 units), no control characters,
 * no invisible format characters. The value is expected already normalised by {@link TextValidator#normalize}.
 * {@code null} is valid: pair with {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface Text {

    int min() default 1;

    int max();

    String message() default "must be {min} to {max} characters long";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
