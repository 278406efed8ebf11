package io.tollgate.requests.control;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link CodePoints}. */
public class CodePointsValidator implements ConstraintValidator<CodePoints, String> {

    private int min;
    private int max;

    @Override
    public void initialize(CodePoints length) {
        min = length.min();
        max = length.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int length = value.codePointCount(0, value.length());
        return length >= min && length <= max;
    }
}
