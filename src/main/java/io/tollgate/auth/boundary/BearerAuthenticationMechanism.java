package io.tollgate.auth.boundary;

import io.tollgate.access.boundary.RootCredentials;
import io.tollgate.tokens.control.TokenSecrets;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Pattern;

/**
 * Lets two credentials share the {@code Authorization: Bearer} header. It replaces the runtime's
 * MicroProfile JWT mechanism (as a prioritised alternative) and hands it only values shaped like a
 * JWT; project tokens and the root credential never reach a JWT parser (which would log them).
 * A JWT that fails verification leaves the request unauthenticated instead of producing the
 * container's HTML 401, so that {@code AuthenticationFilter} answers with the JSON error body.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    @Inject
    BeanManager beans;

    @Inject
    RootCredentials root;

    private volatile HttpAuthenticationMechanism jwtMechanism;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return context.doNothing();
        }
        String credential = header.substring("Bearer ".length()).strip();
        if (!looksLikeJwt(credential) || root.isRoot(TokenSecrets.hash(credential))) {
            return context.doNothing();
        }
        AuthenticationStatus status = jwtMechanism().validateRequest(request, response, new Quiet(context));
        return status == AuthenticationStatus.SUCCESS ? status : context.doNothing();
    }

    static boolean looksLikeJwt(String credential) {
        return credential.length() < 16_384 && JWT.matcher(credential).matches();
    }

    /** The runtime's own MicroProfile JWT mechanism: the other bean of this type. */
    private HttpAuthenticationMechanism jwtMechanism() {
        HttpAuthenticationMechanism found = jwtMechanism;
        if (found == null) {
            Bean<?> bean = beans.getBeans(HttpAuthenticationMechanism.class, Any.Literal.INSTANCE).stream()
                    .filter(candidate -> candidate.getBeanClass() != BearerAuthenticationMechanism.class)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no MicroProfile JWT mechanism deployed"));
            found = (HttpAuthenticationMechanism) beans.getReference(bean, HttpAuthenticationMechanism.class,
                    beans.createCreationalContext(bean));
            jwtMechanism = found;
        }
        return found;
    }

    /** Turns the delegate's "answer 401" into a plain failure, so no response is written here. */
    static final class Quiet extends HttpMessageContextWrapper {
        Quiet(HttpMessageContext context) {
            super(context);
        }

        @Override
        public AuthenticationStatus responseUnauthorized() {
            return AuthenticationStatus.SEND_FAILURE;
        }
    }
}
