package io.tollgate.openapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.servlet.annotation.WebServlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What {@code /openapi} serves ({@link OpenApiEndpoint}): the hand-kept YAML byte for byte, and as JSON
 * the very same document (written by the build), its examples' {@code {}} and {@code null} values
 * included; and which form a request gets. The served forms on each server: PlatformApiTests, LifecycleIT.
 */
class OpenApiEndpointTest {

    private static final Path FILE = Path.of("src/main/resources/META-INF/openapi.yaml");

    @Test
    void yamlServedIsTheHandKeptFileByteForByte() throws IOException {
        assertArrayEquals(Files.readAllBytes(FILE), OpenApiEndpoint.Documents.load().yaml());
    }

    @Test
    void jsonServedSaysExactlyWhatTheYamlFileSays() throws IOException {
        JsonNode yaml = new YAMLMapper().readTree(Files.readAllBytes(FILE));
        JsonNode json = new ObjectMapper().readTree(OpenApiEndpoint.Documents.load().json());
        assertEquals(yaml, json);
        // what the servers' writers dropped: an empty object, a null field, the public operations' [{}]
        assertEquals(new ObjectMapper().createObjectNode(),
                json.at("/components/responses/NotFound/content/application~1json/example/info"));
        String newToken = "/paths/~1api~1projects~1{projectId}~1tokens/post/responses/200/content/application~1json/example";
        assertTrue(json.at(newToken + "/last_used_date").isNull(), "a null field is written");
        assertEquals("[{}]", json.at("/paths/~1api~1auth~1login/post/security").toString());
        assertFalse(json.has("servers"), "no server adds its address");
    }

    @Test
    void yamlByDefaultJsonWhenAskedByFormatOrAccept() {
        assertFalse(OpenApiEndpoint.wantsJson(null, null));
        assertFalse(OpenApiEndpoint.wantsJson(null, "*/*"));
        assertFalse(OpenApiEndpoint.wantsJson(null, "text/html,application/xhtml+xml"));
        assertFalse(OpenApiEndpoint.wantsJson(null, "application/yaml"));
        assertTrue(OpenApiEndpoint.wantsJson(null, "application/json"));
        assertTrue(OpenApiEndpoint.wantsJson(null, "application/json;charset=UTF-8, */*;q=0.1"));
        assertFalse(OpenApiEndpoint.wantsJson(null, "application/yaml, application/json;q=0.5"), "a client naming both gets the default");
        assertTrue(OpenApiEndpoint.wantsJson("JSON", null));
        assertTrue(OpenApiEndpoint.wantsJson("json", "application/yaml"), "format decides over Accept");
        assertFalse(OpenApiEndpoint.wantsJson("YAML", "application/json"));
        assertTrue(OpenApiEndpoint.wantsJson("XML", "application/json"), "an unknown format leaves it to Accept");
    }

    @Test
    void documentAndSwaggerUiHaveOneAddressEach() {
        assertArrayEquals(new String[] {"/openapi"}, OpenApiEndpoint.class.getAnnotation(WebServlet.class).urlPatterns());
        assertArrayEquals(new String[] {"/openapi/ui", "/openapi/ui/*", "/webjars/*"},
                SwaggerUi.class.getAnnotation(WebServlet.class).urlPatterns());
    }
}
