package io.tollgate.openapi;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code GET /openapi}: the OpenAPI document, served by the WAR itself on every server (no server's
 * own MicroProfile OpenAPI is involved), with that endpoint's behaviour: YAML by default, as
 * {@code application/yaml} in UTF-8 (RFC 9512); JSON for {@code ?format=JSON} or an {@code Accept}
 * naming {@code application/json} (and not {@code application/yaml}); {@code ?format=YAML} asks for
 * YAML whatever {@code Accept} says.
 * <p>
 * The YAML is the hand-kept {@code META-INF/openapi.yaml}, byte for byte; the JSON is the same document
 * written by the build ({@value #JSON_FILE}, from smallrye-open-api-maven-plugin), so the WAR carries
 * no YAML parser. Both are read once, at the first request; HEAD is the servlet's own (GET without a body).
 */
@WebServlet(name = "OpenApiEndpoint", urlPatterns = OpenApiEndpoint.PATH)
public class OpenApiEndpoint extends HttpServlet {

    /** Where the document is, under the context root (the start summary names it). */
    public static final String PATH = "/openapi";
    static final String YAML_FILE = "/META-INF/openapi.yaml";
    /** Written by the build (pom.xml) next to this class. */
    static final String JSON_FILE = "openapi.json";
    static final String YAML = "application/yaml;charset=UTF-8";
    /** JSON has no charset parameter (RFC 8259): it is UTF-8. */
    static final String JSON = "application/json";
    /** What a client may name to ask for YAML (RFC 9512's type, and the older unregistered ones). */
    private static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml");

    private volatile Documents documents;

    /** The two forms of the document, as served. */
    record Documents(byte[] yaml, byte[] json) {

        static Documents load() {
            return new Documents(read(OpenApiEndpoint.class.getResourceAsStream(YAML_FILE), YAML_FILE),
                    read(OpenApiEndpoint.class.getResourceAsStream(JSON_FILE), JSON_FILE));
        }

        private static byte[] read(InputStream file, String name) {
            if (file == null) {
                throw new IllegalStateException("the OpenAPI document " + name + " is missing from the WAR");
            }
            try (InputStream in = file) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean json = wantsJson(request.getParameter("format"), request.getHeader("Accept"));
        byte[] body = json ? documents().json() : documents().yaml();
        response.setContentType(json ? JSON : YAML);
        response.setHeader("Vary", "Accept");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private Documents documents() {
        Documents loaded = documents;
        if (loaded == null) {
            documents = loaded = Documents.load();
        }
        return loaded;
    }

    /** {@code format} (JSON or YAML, any case) decides; else JSON where {@code Accept} names it and not YAML. */
    static boolean wantsJson(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String asked = format.trim().toUpperCase(Locale.ROOT);
            if (asked.equals("JSON") || asked.equals("YAML")) {
                return asked.equals("JSON");
            }
        }
        if (accept == null) {
            return false;
        }
        List<String> types = Stream.of(accept.split(","))
                .map(range -> range.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .toList();
        return types.contains("application/json") && types.stream().noneMatch(YAML_TYPES::contains);
    }
}
