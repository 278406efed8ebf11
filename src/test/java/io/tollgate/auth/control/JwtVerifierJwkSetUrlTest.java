package io.tollgate.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mp.jwt.verify.publickey.location} as a JWK set URL (an identity provider's {@code jwks_uri}):
 * the keys are fetched when a JWT needs them, cached, refetched for a new {@code kid}; a provider that is
 * down, hangs or answers nonsense makes the JWT unverified (null, so a 401) within the fetch's bounds,
 * never an exception; a URL that cannot work is refused when the setting is read. A JDK HTTP server on
 * 127.0.0.1 plays the provider.
 */
class JwtVerifierJwkSetUrlTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final KeyPair FIRST = JwtVerifierTest.rsa();
    private static final KeyPair SECOND = JwtVerifierTest.rsa();

    private final List<String> served = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final List<AutoCloseable> open = new ArrayList<>();
    private volatile int status = 200;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    private static RSAKey jwk(KeyPair keys, String kid) {
        return new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(kid).keyUse(KeyUse.SIGNATURE).build();
    }

    /** A provider on 127.0.0.1 that serves the JWK set in {@link #served} (one JSON text) with {@link #status}. */
    private String provider() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/realms/r/protocol/openid-connect/certs", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get(served.size() - 1).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        open.add(() -> server.stop(0));
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/r/protocol/openid-connect/certs";
    }

    private static JwtVerifier verifier(String location) {
        return new JwtVerifier(JwtVerifier.keys(null, location), Set.of(JWSAlgorithm.RS256), "https://idp.test/realms/r",
                Set.of("tollgate-api"), 60, () -> NOW);
    }

    private static String jwt(KeyPair keys, String kid) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://idp.test/realms/r").audience("tollgate-api")
                .subject("s").claim("preferred_username", "alice")
                .issueTime(new Date(NOW - 10_000)).expirationTime(new Date(NOW + 300_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(),
                claims);
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void theKeysAreFetchedWhenAJwtFirstNeedsThemAndThenCached() throws Exception {
        served.add(new JWKSet(jwk(FIRST, "k1")).toString());
        JwtVerifier verifier = verifier(provider());
        assertEquals(0, fetches.get(), "nothing is fetched before a JWT needs it");
        for (int i = 0; i < 20; i++) {
            assertNotNull(verifier.verify(jwt(FIRST, "k1")));
        }
        assertEquals(1, fetches.get());
        assertNull(verifier.verify(jwt(SECOND, "k1")), "another key under a known kid");
    }

    @Test
    void aJwtWithANewKidRefetchesTheSet() throws Exception {
        served.add(new JWKSet(jwk(FIRST, "k1")).toString());
        JwtVerifier verifier = verifier(provider());
        assertNotNull(verifier.verify(jwt(FIRST, "k1")));
        served.add(new JWKSet(List.of(jwk(FIRST, "k1"), jwk(SECOND, "k2"))).toString()); // the provider rotates
        assertNotNull(verifier.verify(jwt(SECOND, "k2")));
        assertEquals(2, fetches.get());
    }

    @Test
    void forgedKidsCannotMakeItFetchMoreThanTwiceIn30Seconds() throws Exception {
        served.add(new JWKSet(jwk(FIRST, "k1")).toString());
        JwtVerifier verifier = verifier(provider());
        assertNotNull(verifier.verify(jwt(FIRST, "k1")));
        for (int i = 0; i < 10; i++) {
            assertNull(verifier.verify(jwt(SECOND, "forged-" + i)));
        }
        assertTrue(fetches.get() <= 2, fetches.get() + " fetches");
        assertNotNull(verifier.verify(jwt(FIRST, "k1")), "the cached key still works");
    }

    @Test
    void aProviderThatIsDownGivesNullAndALaterRequestTriesAgain() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        JwtVerifier verifier = verifier("http://127.0.0.1:" + port + "/certs");
        assertNull(verifier.verify(jwt(FIRST, "k1")));

        served.add("{\"error\":\"starting\"}");
        status = 503;
        JwtVerifier starting = verifier(provider());
        assertNull(starting.verify(jwt(FIRST, "k1")), "an error status");
        status = 200;
        served.add(new JWKSet(jwk(FIRST, "k1")).toString());
        assertNotNull(starting.verify(jwt(FIRST, "k1")), "the provider is up now");
    }

    @Test
    void nonsenseOrAnOversizedAnswerGivesNull() throws Exception {
        served.add("<html>not a JWK set</html>");
        assertNull(verifier(provider()).verify(jwt(FIRST, "k1")));
        served.add("{\"keys\":[" + ("{\"kty\":\"oct\",\"k\":\"" + "A".repeat(1000) + "\"},").repeat(100) + "]}");
        assertNull(verifier(provider()).verify(jwt(FIRST, "k1")), "over the size cap");
    }

    @Test
    void aProviderThatNeverAnswersGivesNullWithinTheFetchBounds() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); // accepts, never answers
        open.add(silent);
        JwtVerifier verifier = verifier("http://127.0.0.1:" + silent.getLocalPort() + "/certs");
        long began = System.nanoTime();
        assertNull(verifier.verify(jwt(FIRST, "k1")));
        long millis = (System.nanoTime() - began) / 1_000_000;
        // one read timeout, one retry: well under the 15 s a caller would otherwise wait
        assertTrue(millis < 2L * (JwtVerifier.FETCH_CONNECT_MILLIS + JwtVerifier.FETCH_READ_MILLIS) + 2_000, millis + " ms");
    }

    @Test
    void theSchemeIsCaseInsensitive() throws Exception {
        served.add(new JWKSet(jwk(FIRST, "k1")).toString());
        assertNotNull(verifier(provider().replace("http:", "HTTP:")).verify(jwt(FIRST, "k1")));
    }

    @Test
    void aLocationThatCannotWorkIsRefusedWhenTheSettingIsRead() {
        for (String location : List.of("http://", "https:///realms/r/certs", "http://[::1/certs", "https://exa mple.test/certs")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> JwtVerifier.keys(null, location), location);
            assertTrue(refused.getMessage().startsWith(JwtConfigSource.LOCATION + " is not a usable JWK set URL ("),
                    refused.getMessage());
        }
        IllegalStateException noFile = assertThrows(IllegalStateException.class,
                () -> JwtVerifier.keys(null, "/nonexistent/jwks.json"));
        assertTrue(noFile.getMessage().startsWith("the JWT verification key cannot be read"), noFile.getMessage());
    }
}
