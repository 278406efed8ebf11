package io.tollgate.tokens.entity;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code allowed_ips}: at most {@link ProjectToken#MAX_ALLOWED_IPS} strings, each an IPv4 or IPv6 address
 * or CIDR block without host bits set ({@code io.tollgate.net.Cidr}). {@code null} (absent) is valid.
 */
@Documented
@Constraint(validatedBy = AllowedIpsValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface AllowedIps {

    String message() default "must list IPv4 or IPv6 addresses or CIDR blocks";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
