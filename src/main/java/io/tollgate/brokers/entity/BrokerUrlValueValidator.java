package io.tollgate.brokers.entity;

import io.tollgate.errors.InvalidField;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link BrokerUrlValue} with {@link BrokerUrl}'s own rules, so there is one definition of a broker address. */
public class BrokerUrlValueValidator implements ConstraintValidator<BrokerUrlValue, String> {

    private static final String FIELD_PREFIX = "url ";

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            BrokerUrl.parse(value);
            return true;
        } catch (InvalidField invalid) {
            // BrokerUrl's messages name the field; the violation mapper names it again
            String message = invalid.getMessage();
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(
                    message.startsWith(FIELD_PREFIX) ? message.substring(FIELD_PREFIX.length()) : message)
                    .addConstraintViolation();
            return false;
        }
    }
}
