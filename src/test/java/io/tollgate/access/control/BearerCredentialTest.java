package io.tollgate.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BearerCredentialTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

    @Test
    void theSchemeIsCaseInsensitive() {
        for (String scheme : new String[] {"Bearer", "bearer", "BEARER", "bEaReR"}) {
            assertEquals(JWT, BearerCredential.of(scheme + " " + JWT), scheme);
        }
    }

    @Test
    void oneOrMoreSpacesSeparateSchemeAndCredential() {
        assertEquals(JWT, BearerCredential.of("Bearer  " + JWT));
        assertEquals("tg_abc", BearerCredential.of("Bearer     tg_abc  "));
    }

    @Test
    void anythingElseIsNoBearerCredential() {
        for (String header : new String[] {"", "Bearer", "Bearer ", "Bearer    ", "BearerX y", "Bearer\tx",
                "Basic dXNlcjpwYXNz", "Bearer a b", "Bearer a\u0000b", "Bearerx", " Bearer x", "Token x"}) {
            assertNull(BearerCredential.of(header), header);
        }
        assertNull(BearerCredential.of(null));
    }
}
