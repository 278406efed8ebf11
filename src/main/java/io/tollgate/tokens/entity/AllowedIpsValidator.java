package io.tollgate.tokens.entity;

import io.tollgate.net.Cidr;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;

/**
 * Checks {@link AllowedIps}. The message names a bad entry by its position, never by its text: a
 * message is a Bean Validation template, and client text in it would be interpolated.
 */
public class AllowedIpsValidator implements ConstraintValidator<AllowedIps, List<String>> {

    @Override
    public boolean isValid(List<String> blocks, ConstraintValidatorContext context) {
        if (blocks == null) {
            return true;
        }
        if (blocks.size() > ProjectToken.MAX_ALLOWED_IPS) {
            return refuse(context, "must list at most " + ProjectToken.MAX_ALLOWED_IPS + " blocks");
        }
        for (int i = 0; i < blocks.size(); i++) {
            try {
                Cidr.parse(blocks.get(i));
            } catch (IllegalArgumentException e) {
                return refuse(context, "entry " + (i + 1) + " " + e.getMessage());
            }
        }
        return true;
    }

    private static boolean refuse(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
        return false;
    }
}
