package io.tollgate.auth.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Verifies bearer JWTs with nimbus: signature (RS256 or ES256 by default, never {@code none} or HMAC),
 * issuer, audience if configured, {@code exp} and {@code nbf} with {@code mp.jwt.verify.clock.skew}
 * seconds of tolerance (default 60), and an {@code iat} no further in the future than that. It reads
 * the MicroProfile JWT keys ({@code mp.jwt.verify.publickey}, {@code .publickey.location},
 * {@code .issuer}, {@code .audiences}, {@code .publickey.algorithm}), so an operator's identity provider
 * is configured as for any MicroProfile runtime. A bad JWT is answered with null: no exception, no log.
 */
public final class JwtVerifier {

    public static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";
    public static final int DEFAULT_CLOCK_SKEW_SECONDS = 60;
    /** Longer values are not parsed at all (the container also caps header size). */
    static final int MAX_LENGTH = 16_384;
    /** A compact JWS: only such values reach the parser (a JWE or anything else is refused before). */
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    /** A JWK set URL's fetch: connect and read timeouts, size cap, cache lifetime, minimum refetch interval. */
    static final int FETCH_CONNECT_MILLIS = 2_000;
    static final int FETCH_READ_MILLIS = 3_000;
    static final int FETCH_MAX_BYTES = 64 * 1024;
    static final long CACHE_MILLIS = 300_000;
    static final long REFETCH_MIN_INTERVAL_MILLIS = 30_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final LongSupplier clock;
    private final long skewMillis;

    public JwtVerifier(JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms, String issuer,
                       Set<String> audiences, int skewSeconds, LongSupplier clock) {
        this.clock = clock;
        this.skewMillis = skewSeconds * 1000L;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                audiences == null ? null : new HashSet<>(audiences), new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"), null) {
            @Override
            protected Date currentTime() {
                return new Date(clock.getAsLong());
            }
        };
        claims.setMaxClockSkew(skewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The verifier the MicroProfile JWT configuration describes, on {@code clock} (milliseconds since the epoch). */
    public static JwtVerifier fromConfig(Config config, LongSupplier clock) {
        String algorithm = config.getOptionalValue("mp.jwt.verify.publickey.algorithm", String.class).orElse(null);
        Set<JWSAlgorithm> algorithms = algorithm == null
                ? Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256) : Set.of(JWSAlgorithm.parse(algorithm.strip()));
        Set<String> audiences = config.getOptionalValue("mp.jwt.verify.audiences", String.class)
                .map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                        .collect(Collectors.toSet()))
                .filter(set -> !set.isEmpty()).orElse(null);
        String issuer = config.getOptionalValue("mp.jwt.verify.issuer", String.class)
                .orElse(JwtConfigSource.DEFAULT_ISSUER);
        int skew = config.getOptionalValue(CLOCK_SKEW, Integer.class).orElse(DEFAULT_CLOCK_SKEW_SECONDS);
        return new JwtVerifier(keys(config), algorithms, issuer, audiences, skew, clock);
    }

    private static JWKSource<SecurityContext> keys(Config config) {
        return keys(config.getOptionalValue(JwtConfigSource.PUBLIC_KEY, String.class).orElse(null),
                config.getOptionalValue(JwtConfigSource.LOCATION, String.class).orElse(null));
    }

    /** The keys {@code mp.jwt.verify.publickey} ({@code key}) or its {@code location} name; a setting that cannot work throws. */
    static JWKSource<SecurityContext> keys(String key, String location) {
        try {
            if (key != null) {
                return new ImmutableJWKSet<>(KeyText.publicKeys(key));
            }
            if (location == null) {
                throw new IllegalStateException("no JWT verification key: set mp.jwt.verify.publickey or its location");
            }
            String trimmed = location.strip();
            String lower = trimmed.toLowerCase(Locale.ROOT);
            if (lower.startsWith("https:") || lower.startsWith("http:")) {
                return remoteKeys(jwkSetUrl(trimmed));
            }
            JWKSet keys = KeyText.publicKeys(read(trimmed));
            return new ImmutableJWKSet<>(keys);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the JWT verification key cannot be read: " + e.getMessage(), e);
        }
    }

    /** An absolute http(s) URL with a host, or a start failure that says what is wrong with it. */
    static URL jwkSetUrl(String location) {
        String problem;
        try {
            URI uri = new URI(location);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem = "not an http(s) URL";
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                problem = "it names no host";
            } else {
                return uri.toURL();
            }
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            problem = e.getMessage();
        }
        throw new IllegalStateException(JwtConfigSource.LOCATION + " is not a usable JWK set URL (" + problem + ")");
    }

    /**
     * A JWK set endpoint (an identity provider's {@code jwks_uri}), with nimbus's remote JWK source: fetched
     * when a JWT first needs it, not at the start (the provider may start later). A fetch gives up after
     * {@value #FETCH_CONNECT_MILLIS} ms to connect and {@value #FETCH_READ_MILLIS} ms to read, reads at most
     * {@value #FETCH_MAX_BYTES} bytes, and is tried once more after a network failure. The set is cached
     * {@value #CACHE_MILLIS} ms (refreshed by a request in its last 30 s); a JWT whose {@code kid} is not in
     * it refetches it (a key rotation). Fetches are rate-limited to two per
     * {@value #REFETCH_MIN_INTERVAL_MILLIS} ms, so forged {@code kid}s cannot make Tollgate hammer the
     * provider. A fetch that fails, or is refused by that limit, leaves the JWT unverified: that request
     * is a 401, never a 500, and a later one tries again.
     */
    static JWKSource<SecurityContext> remoteKeys(URL url) {
        return JWKSourceBuilder.<SecurityContext>create(url,
                        new DefaultResourceRetriever(FETCH_CONNECT_MILLIS, FETCH_READ_MILLIS, FETCH_MAX_BYTES))
                .cache(CACHE_MILLIS, 2L * (FETCH_CONNECT_MILLIS + FETCH_READ_MILLIS))
                .rateLimited(REFETCH_MIN_INTERVAL_MILLIS)
                .retrying(true)
                .build();
    }

    /** A key file: {@code classpath:}, {@code file:}, a class path resource or a file path. */
    private static String read(String location) throws IOException {
        String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        if (!location.startsWith("file:")) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream in = loader == null ? null
                    : loader.getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            if (location.startsWith("classpath:")) {
                throw new IOException("no class path resource " + resource);
            }
        }
        Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The claims of a JWT that verifies; null for anything else (malformed, forged, expired, not yet valid). */
    public JWTClaimsSet verify(String jwt) {
        if (jwt == null || jwt.length() > MAX_LENGTH || !COMPACT_JWS.matcher(jwt).matches()) {
            return null;
        }
        try {
            JWTClaimsSet claims = processor.process(jwt, null);
            Date issued = claims.getIssueTime();
            if (issued != null && issued.getTime() > clock.getAsLong() + skewMillis) {
                throw new BadJWTException("issued in the future");
            }
            return claims;
        } catch (Exception refused) {
            // every way a JWT can be bad ends here, silently: a log line per request would let anyone grow the log
            return null;
        }
    }
}
