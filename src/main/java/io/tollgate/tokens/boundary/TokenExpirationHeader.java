package io.tollgate.tokens.boundary;

import io.tollgate.access.entity.Caller;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code Tollgate-Token-Expiration} (spec section 6): every response to a request whose project token
 * was recognised and not refused with 401 (its 403s included) announces when the presented secret stops
 * working, as GitHub's API does: the token's {@code valid_date}, or for a previous secret in its grace
 * {@code previous_valid_until} (the token's end if that comes first); never for root or a person. The date
 * is the one the request authenticated with ({@code Caller#expiresAt}).
 */
@Provider
public class TokenExpirationHeader implements ContainerResponseFilter {

    public static final String HEADER = "Tollgate-Token-Expiration";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getSecurityContext().getUserPrincipal() instanceof Caller caller
                && caller.kind() == Caller.Kind.TOKEN && caller.expiresAt() != null) {
            response.getHeaders().putSingle(HEADER, format(caller.expiresAt()));
        }
    }

    /** Formatted dates: a token keeps its date, so formatting it once per token is enough. */
    private static final int CACHED = 10_000;
    private static final Map<Long, String> FORMATTED = new ConcurrentHashMap<>();

    /** ISO-8601 in UTC with milliseconds, e.g. {@code 2027-06-30T23:59:59.999Z}. */
    static String format(long epochMillis) {
        String text = FORMATTED.get(epochMillis);
        if (text == null) {
            text = ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
            if (FORMATTED.size() >= CACHED) {
                FORMATTED.clear(); // bounded: many distinct dates just mean formatting again
            }
            FORMATTED.put(epochMillis, text);
        }
        return text;
    }
}
