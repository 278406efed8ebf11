package io.tollgate.openapi;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * Swagger UI at {@value #PATH}: our page and initializer (in {@code WEB-INF/openapi-ui}) and the
 * few files of the Swagger UI webjar they load, nothing else, the same on every server. The webjar's
 * files are not served under {@code /webjars} (the servlet default for jars with
 * {@code META-INF/resources}, answered 404 here): its sample initializer points at another host, and
 * the UI has one address.
 */
@WebServlet(name = "SwaggerUi", urlPatterns = {SwaggerUi.PATH, SwaggerUi.PATH + "/*", "/webjars/*"})
public class SwaggerUi extends HttpServlet {

    /** Where the page is, under the context root (the start summary names it). */
    public static final String PATH = "/openapi/ui";

    static final String PAGE = "index.html";
    private static final String OWN = "/WEB-INF/openapi-ui/";
    private static final Map<String, String> OWN_FILES = Map.of(
            PAGE, "text/html;charset=UTF-8",
            "swagger-initializer.js", "text/javascript;charset=UTF-8");
    private static final Map<String, String> WEBJAR_FILES = Map.of(
            "swagger-ui.css", "text/css;charset=UTF-8",
            "index.css", "text/css;charset=UTF-8",
            "swagger-ui-bundle.js", "text/javascript;charset=UTF-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");

    private String webjar;

    @Override
    public void init() {
        webjar = "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getServletPath();
        if (!PATH.equals(path)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String info = request.getPathInfo();
        String name = info == null || info.equals("/") ? PAGE : info.substring(1);
        InputStream file = null;
        String type = OWN_FILES.get(name);
        if (type != null) {
            file = getServletContext().getResourceAsStream(OWN + name);
        } else if ((type = WEBJAR_FILES.get(name)) != null) {
            file = SwaggerUi.class.getClassLoader().getResourceAsStream(webjar + name);
        }
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = file) {
            response.setContentType(type);
            response.setHeader("Cache-Control", "no-cache");
            in.transferTo(response.getOutputStream());
        }
    }

    private static String webjarVersion() {
        try (InputStream in = SwaggerUi.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the Swagger UI webjar is missing from the WAR");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
