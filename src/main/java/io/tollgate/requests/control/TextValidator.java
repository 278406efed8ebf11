package io.tollgate.requests.control;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.text.Normalizer;

/** Checks {@link Text}; {@link #normalize} is what a request record applies before it is validated. */
public class TextValidator implements ConstraintValidator<Text, String> {

    static final String INVISIBLE =
            "must not contain invisible format characters (zero-width, bidi controls, BOM, line separators)";
    static final String CONTROL = "must not contain control characters";

    private int min;
    private int max;

    @Override
    public void initialize(Text text) {
        min = text.min();
        max = text.max();
    }

    /**
     * Leading and trailing white space stripped and Unicode NFC, so that names that look alike are equal.
     * Line and paragraph separators are kept so that {@link Text} refuses them instead of dropping them.
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        int start = 0;
        int end = raw.length();
        while (start < end && strippable(raw.charAt(start))) {
            start++;
        }
        while (end > start && strippable(raw.charAt(end - 1))) {
            end--;
        }
        return Normalizer.normalize(raw.substring(start, end), Normalizer.Form.NFC);
    }

    private static boolean strippable(char c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (value.codePoints().anyMatch(TextValidator::isInvisibleFormat)) {
            return refuse(context, INVISIBLE);
        }
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            return false;
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            return refuse(context, CONTROL);
        }
        return true;
    }

    /** Zero-width characters, joiners, bidi controls, BOM, soft hyphen, tags; line and paragraph separators. */
    private static boolean isInvisibleFormat(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean refuse(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
        return false;
    }
}
