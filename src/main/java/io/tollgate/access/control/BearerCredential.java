package io.tollgate.access.control;

/**
 * The one reader of {@code Authorization: Bearer <credential>} (RFC 7235/6750): the scheme in any
 * case, then one or more spaces, then a credential without whitespace. Every credential kind (root,
 * project token, JWT) is taken from the header by this class and nothing else.
 */
public final class BearerCredential {

    private static final String SCHEME = "Bearer";

    private BearerCredential() {
    }

    /** The credential the header carries, or null if it is not a well-formed Bearer header. */
    public static String of(String header) {
        if (header == null || header.length() <= SCHEME.length() + 1
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || header.charAt(SCHEME.length()) != ' ') {
            return null;
        }
        int start = SCHEME.length();
        while (start < header.length() && header.charAt(start) == ' ') {
            start++;
        }
        int end = header.length();
        while (end > start && (header.charAt(end - 1) == ' ' || header.charAt(end - 1) == '\t')) {
            end--;
        }
        if (start == end) {
            return null;
        }
        for (int i = start; i < end; i++) {
            char c = header.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return null;
            }
        }
        return header.substring(start, end);
    }
}
