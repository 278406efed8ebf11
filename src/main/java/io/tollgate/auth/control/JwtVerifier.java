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
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
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
        String key = config.getOptionalValue(JwtConfigSource.PUBLIC_KEY, String.class).orElse(null);
        String location = config.getOptionalValue(JwtConfigSource.LOCATION, String.class).orElse(null);
        try {
            if (key != null) {
                return new ImmutableJWKSet<>(KeyText.publicKeys(key));
            }
            if (location == null) {
                throw new IllegalStateException("no JWT verification key: set mp.jwt.verify.publickey or its location");
            }
            String trimmed = location.strip();
            if (trimmed.startsWith("https:") || trimmed.startsWith("http:")) {
                // a JWK set endpoint: fetched when first needed, cached, refreshed when a new kid appears
                return JWKSourceBuilder.<SecurityContext>create(URI.create(trimmed).toURL()).build();
            }
            JWKSet keys = KeyText.publicKeys(read(trimmed));
            return new ImmutableJWKSet<>(keys);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the JWT verification key cannot be read: " + e.getMessage(), e);
        }
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
