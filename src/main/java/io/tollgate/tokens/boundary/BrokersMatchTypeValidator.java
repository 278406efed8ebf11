package io.tollgate.tokens.boundary;

import io.tollgate.tokens.entity.TokenType;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link BrokersMatchType}; an unknown type is left to the {@code type} rule. */
public class BrokersMatchTypeValidator implements ConstraintValidator<BrokersMatchType, TokenBody> {

    @Override
    public boolean isValid(TokenBody body, ConstraintValidatorContext context) {
        if (body == null) {
            return true;
        }
        TokenType type = body.type() == null ? TokenType.UNRESTRICTED : TokenType.of(body.type()).orElse(null);
        boolean none = body.brokers() == null || body.brokers().isEmpty();
        if (type == TokenType.RESTRICTED && none) {
            return refuse(context, "must list at least one broker for a restricted token");
        }
        if (type == TokenType.UNRESTRICTED && !none) {
            return refuse(context, "must be empty for an unrestricted token");
        }
        return true;
    }

    private static boolean refuse(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message).addPropertyNode("brokers").addConstraintViolation();
        return false;
    }
}
