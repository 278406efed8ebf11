package io.tollgate.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.tollgate.access.boundary.Public;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What Tollgate's OpenAPI document must satisfy, for the hand-kept file and for the document the
 * server serves alike: a strict OpenAPI 3 validator (swagger-parser) finds nothing to report, its
 * routes are exactly the JAX-RS resource methods of the main classes (both directions), the
 * {@code @Public} ones and only they need no credential, and every example carries every field its
 * schema requires.
 */
public final class OpenApiChecks {

    private OpenApiChecks() {
    }

    /** Parses with validation (references resolved) and fails on any message. */
    public static OpenAPI validated(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        assertEquals(List.of(), result.getMessages(), "the OpenAPI validator reports problems");
        assertNotNull(result.getOpenAPI(), "not an OpenAPI document");
        return result.getOpenAPI();
    }

    /** "METHOD /path/{param}" of every operation of the document. */
    public static Set<String> documentedRoutes(OpenAPI document) {
        Set<String> routes = new TreeSet<>();
        document.getPaths().forEach((path, item) ->
                item.readOperationsMap().keySet().forEach(method -> routes.add(method + " " + path)));
        return routes;
    }

    /** The routes of the document that need no credential: {@code security: []}, or only empty alternatives ({@code [{}]}). */
    public static Set<String> publicRoutes(OpenAPI document) {
        Set<String> routes = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getSecurity() != null && operation.getSecurity().stream().allMatch(Map::isEmpty)) {
                routes.add(method + " " + path);
            }
        }));
        return routes;
    }

    /** "METHOD /api/path/{param}" of every JAX-RS resource method among the main classes, and which are @Public. */
    public record ServedRoutes(Set<String> all, Set<String> open) {
    }

    public static ServedRoutes servedRoutes() {
        String root = "/" + trimmed(io.tollgate.TollgateApplication.class.getAnnotation(ApplicationPath.class).value());
        Set<String> all = new TreeSet<>();
        Set<String> open = new TreeSet<>();
        for (Class<?> type : mainClasses()) {
            Path base = type.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String verb = httpMethod(method);
                Path sub = method.getAnnotation(Path.class);
                if (verb == null) {
                    assertTrue(sub == null, "sub-resource locators are not covered by this check: " + method);
                    continue;
                }
                String path = normalised(root + "/" + trimmed(base.value())
                        + (sub == null ? "" : "/" + trimmed(sub.value())));
                String route = verb + " " + path;
                all.add(route);
                if (method.isAnnotationPresent(Public.class)) {
                    open.add(route);
                }
            }
        }
        return new ServedRoutes(all, open);
    }

    /** The two sets of routes are equal, with a message that names what is missing where. */
    public static void assertSameRoutes(Set<String> served, Set<String> documented) {
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(served);
        assertTrue(undocumented.isEmpty() && notServed.isEmpty(),
                "served but not in the OpenAPI document: " + undocumented + "; documented but not served: " + notServed);
    }

    /** Every example (of a request or response body, or of a schema) has every field its schema requires. */
    public static void assertExamplesCarryRequiredFields(OpenAPI document) {
        List<String> problems = new ArrayList<>();
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        schemas.forEach((name, schema) -> check("schema " + name, schema.getExample(), schema, schemas, problems));
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String where = method + " " + path;
            if (operation.getRequestBody() != null) {
                check(where + " request", operation.getRequestBody().getContent(), schemas, problems);
            }
            operation.getResponses().forEach((status, response) ->
                    check(where + " " + status, resolved(response, document).getContent(), schemas, problems));
        }));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static ApiResponse resolved(ApiResponse response, OpenAPI document) {
        if (response.get$ref() == null) {
            return response;
        }
        String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
        return document.getComponents().getResponses().get(name);
    }

    private static void check(String where, Content content, Map<String, Schema> schemas, List<String> problems) {
        if (content != null) {
            for (MediaType type : content.values()) {
                check(where, type.getExample(), type.getSchema(), schemas, problems);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void check(String where, Object example, Schema<?> schema, Map<String, Schema> schemas,
                              List<String> problems) {
        if (example == null || schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            schema = schemas.get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        Map<String, Object> fields = asMap(example);
        if (fields == null) {
            return;
        }
        if (schema.getRequired() != null) {
            for (String required : schema.getRequired()) {
                if (!fields.containsKey(required)) {
                    problems.add(where + ": example lacks required field '" + required + "': " + example);
                }
            }
        }
        if (schema.getProperties() != null) {
            for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
                check(where + "." + property.getKey(), fields.get(property.getKey()), property.getValue(), schemas, problems);
            }
        }
    }

    /** A JSON object of an example as a map (swagger-parser keeps them as Jackson nodes or maps). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object example) {
        if (example instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (example instanceof com.fasterxml.jackson.databind.node.ObjectNode node) {
            Map<String, Object> fields = new TreeMap<>();
            node.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
            return fields;
        }
        return null;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value().toUpperCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    /** {@code {name: regex}} becomes {@code {name}}; no double or trailing slashes. */
    static String normalised(String path) {
        String plain = path.replaceAll("\\{\\s*(\\w+)\\s*(:[^}]*)?}", "{$1}").replaceAll("/+", "/");
        return plain.length() > 1 && plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
    }

    private static String trimmed(String segment) {
        return segment.replaceAll("^/+|/+$", "");
    }

    /** Every class compiled from src/main/java (the directory io/tollgate lives in). */
    private static List<Class<?>> mainClasses() {
        try {
            java.nio.file.Path classes = java.nio.file.Path.of(
                    io.tollgate.TollgateApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<Class<?>> found = new ArrayList<>();
            try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    found.add(Class.forName(name, false, OpenApiChecks.class.getClassLoader()));
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

}
