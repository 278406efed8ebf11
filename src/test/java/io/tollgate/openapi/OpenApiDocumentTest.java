package io.tollgate.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hand-kept {@code META-INF/openapi.yaml} (what {@code /openapi} serves on every server, see
 * PlatformApiTests for the served form): valid OpenAPI 3 for a strict validator, every route the JAX-RS
 * classes serve and no other, public routes without the bearer requirement, examples with every
 * required field.
 */
class OpenApiDocumentTest {

    private static String file() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void documentPassesAStrictOpenApi3Validator() throws IOException {
        OpenAPI document = OpenApiChecks.validated(file());
        assertTrue(document.getOpenapi().startsWith("3."), document.getOpenapi());
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() throws IOException {
        OpenApiChecks.assertSameRoutes(OpenApiChecks.servedRoutes().all(),
                OpenApiChecks.documentedRoutes(OpenApiChecks.validated(file())));
    }

    @Test
    void publicRoutesAndOnlyThoseNeedNoCredential() throws IOException {
        OpenAPI document = OpenApiChecks.validated(file());
        assertEquals(OpenApiChecks.servedRoutes().open(), OpenApiChecks.publicRoutes(document));
        assertFalse(OpenApiChecks.publicRoutes(document).isEmpty(), "login at least is public");
        assertEquals(List.of(Map.of("bearer", List.of())), document.getSecurity().stream().map(Map::copyOf).toList(),
                "every other route inherits the bearer requirement");
    }

    @Test
    void examplesCarryEveryRequiredField() throws IOException {
        OpenApiChecks.assertExamplesCarryRequiredFields(OpenApiChecks.validated(file()));
    }

    @Test
    void pathTemplatesAreComparedByParameterName() {
        assertEquals("/api/projects/{projectId}/tokens/{tokenId}",
                OpenApiChecks.normalised("/api//projects/{projectId: [a-f0-9-]+}/tokens/{ tokenId }/"));
    }
}
