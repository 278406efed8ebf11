package io.tollgate.openapi;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Payara answers the YAML form of {@code /openapi} as {@code text/plain} without a charset; it is
 * UTF-8 YAML ({@code application/yaml}, RFC 9512). Payara's servlet runs inside this WAR, so its
 * content type can be corrected on the way out; the JSON form is left as it is.
 */
@WebFilter(filterName = "YamlContentType", urlPatterns = {"/openapi", "/openapi/"})
public class YamlContentType extends HttpFilter {

    static final String YAML = "application/yaml;charset=UTF-8";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setContentType(String type) {
                super.setContentType(corrected(type));
            }

            @Override
            public void setHeader(String name, String value) {
                super.setHeader(name, isContentType(name) ? corrected(value) : value);
            }

            @Override
            public void addHeader(String name, String value) {
                super.addHeader(name, isContentType(name) ? corrected(value) : value);
            }
        });
    }

    private static boolean isContentType(String name) {
        return "Content-Type".equalsIgnoreCase(name);
    }

    static String corrected(String type) {
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/plain") ? YAML : type;
    }
}
