package io.tollgate.access.entity;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link RequestableRole}. */
public class RequestableRoleValidator implements ConstraintValidator<RequestableRole, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || Role.requestable(value).isPresent();
    }
}
