package io.tollgate.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tollgate.tokens.boundary.TokensResource;
import io.tollgate.usage.boundary.UsageResource;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {

    private static Method method(Class<?> type, String name) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void endpointIsThePathTemplateOfTheResourceMethodNeverTheRawPath() {
        assertEquals("/api/projects/{projectId}/tokens", RequestMetrics.template(method(TokensResource.class, "list")));
        assertEquals("/api/projects/{projectId}/tokens/{tokenId}", RequestMetrics.template(method(TokensResource.class, "delete")));
        assertEquals("/api/projects/{projectId}/tokens/{tokenId}/usage", RequestMetrics.template(method(UsageResource.class, "usage")));
    }

    @Test
    void aRefusedCredentialsKindIsGuessedFromItsShapeOnly() {
        assertEquals("token", RequestMetrics.kindOf("tg_whatever"));
        assertEquals("user", RequestMetrics.kindOf("a.b.c"));
        assertEquals("unknown", RequestMetrics.kindOf("something-else"));
        assertEquals("malformed", RequestMetrics.kindOf(null));
    }

    @Test
    void theMethodTagIsTheResourceMethodsAnnotationSoAHeadServedByAGetCountsAsGet() {
        assertEquals("PATCH", RequestMetrics.httpMethodOf(method(TokensResource.class, "update"), "PATCH"));
        assertEquals("GET", RequestMetrics.httpMethodOf(method(TokensResource.class, "list"), "HEAD"));
        assertEquals("DELETE", RequestMetrics.httpMethodOf(method(TokensResource.class, "delete"), "OPTIONS"));
    }
}
