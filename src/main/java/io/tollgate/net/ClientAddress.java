package io.tollgate.net;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request comes from, by the one rule every feature uses ({@link TrustedProxies}):
 * the TCP peer, or behind a proxy listed in {@code tollgate.http.trusted-proxies} (comma-separated
 * addresses and CIDR blocks, default none) the right-most {@code X-Forwarded-For} address that is no
 * trusted proxy. Inject it and call {@link #of(HttpServletRequest)} from resources and filters
 * ({@code @Context HttpServletRequest}); filters registered as instances look it up with
 * {@code CDI.current().select(ClientAddress.class).get()}. A bad configuration value stops the start.
 */
@ApplicationScoped
public class ClientAddress {

    public static final String CONFIG_KEY = "tollgate.http.trusted-proxies";
    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Logger LOG = Logger.getLogger(ClientAddress.class.getName());

    @Inject
    @ConfigProperty(name = CONFIG_KEY)
    Optional<String> configured;

    private TrustedProxies rule = TrustedProxies.NONE;

    @PostConstruct
    void init() {
        try {
            rule = new TrustedProxies(CidrList.parseCommaSeparated(configured.orElse("")));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(CONFIG_KEY + ": " + e.getMessage()
                    + " (expected comma-separated IP addresses or CIDR blocks)", e);
        }
        if (!rule.isEmpty()) {
            LOG.info("Client addresses: X-Forwarded-For is read behind the trusted proxies " + rule.proxies());
        }
    }

    /**
     * The proxies whose {@code X-Forwarded-For} is read; asked at start ({@code start.boundary.StartSequence}),
     * so that a bad value stops the deployment, not a request.
     */
    public TrustedProxies trustedProxies() {
        return rule;
    }

    /** The client's address in canonical text ({@code 203.0.113.9}, {@code 2001:db8::1}). */
    public String of(HttpServletRequest request) {
        IpAddress address = addressOf(request);
        return address == null ? request.getRemoteAddr() : address.toString();
    }

    /** The same from a JAX-RS filter: the peer of {@link RequestFacts}, the header lines of the request. */
    public String of(ContainerRequestContext request, HttpServletRequest servlet) {
        IpAddress address = addressOf(request, servlet);
        return address == null ? RequestFacts.peer(request, servlet) : address.toString();
    }

    /** The client's address, or null in the one case the runtime reports a peer that is no IP literal. */
    public IpAddress addressOf(HttpServletRequest request) {
        return clientOf(request.getRemoteAddr(), () -> {
            Enumeration<String> lines = request.getHeaders(FORWARDED_FOR);
            return lines == null ? null : Collections.list(lines);
        });
    }

    /** The same from a JAX-RS filter (see {@link #of(ContainerRequestContext, HttpServletRequest)}). */
    public IpAddress addressOf(ContainerRequestContext request, HttpServletRequest servlet) {
        return clientOf(RequestFacts.peer(request, servlet), () -> request.getHeaders().get(FORWARDED_FOR));
    }

    /** The rule applied; the header lines are read only behind a trusted proxy rule. */
    private IpAddress clientOf(String peer, Supplier<List<String>> forwardedFor) {
        if (rule.isEmpty()) {
            return TrustedProxies.NONE.clientOf(peer, null);
        }
        List<String> lines = forwardedFor.get();
        return rule.clientOf(peer, lines == null ? List.of() : lines);
    }

    /** The rule in force, for code that has the peer and the header lines but no servlet request. */
    public TrustedProxies rule() {
        return rule;
    }
}
