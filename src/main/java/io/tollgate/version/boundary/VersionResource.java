package io.tollgate.version.boundary;

import io.tollgate.TollgateApplication;
import io.tollgate.access.boundary.Public;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code GET /api/version}: {@code {"version": "..."}}, the build's version, for anyone. */
@Path("version")
@Produces(TollgateApplication.JSON)
public class VersionResource {

    private static final JsonObject VERSION = Json.createObjectBuilder().add("version", buildVersion()).build();

    @GET
    @Public
    public JsonObject version() {
        return VERSION;
    }

    private static String buildVersion() {
        Properties build = new Properties();
        try (InputStream in = VersionResource.class.getResourceAsStream("/io/tollgate/version/version.properties")) {
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build.getProperty("version");
    }
}
