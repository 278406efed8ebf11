package io.tollgate.auth.boundary;

import io.tollgate.json.JsonBuilders;
import io.tollgate.TollgateApplication;
import io.tollgate.access.boundary.Allow;
import io.tollgate.access.boundary.Public;
import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;
import io.tollgate.requests.control.JsonFields;
import io.tollgate.tokens.entity.TokenType;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;

/** {@code /api/auth}: a person's login, and who any caller is. */
@Path("auth")
@Produces(TollgateApplication.JSON)
public class AuthResource {

    @Inject
    Logins logins;

    @POST
    @Path("login")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject login(JsonObject body, @Context HttpServletRequest request) {
        JsonFields fields = JsonFields.of(body, Set.of("username", "password"));
        return logins.login(fields.requiredString("username"), fields.requiredString("password"),
                request.getRemoteAddr());
    }

    @GET
    @Path("whoami")
    @Allow(role = Role.VIEWER, scope = Scope.ANY)
    public JsonObject whoami(@Context SecurityContext security) {
        Caller caller = (Caller) security.getUserPrincipal();
        JsonObjectBuilder json = JsonBuilders.object()
                .add("kind", caller.kind().name().toLowerCase())
                .add("name", caller.name());
        if (caller.kind() == Caller.Kind.TOKEN) {
            JsonArrayBuilder brokers = JsonBuilders.array();
            caller.brokers().stream().sorted().forEach(brokers::add);
            json.add("project_id", caller.projectId())
                    .add("role", caller.role().id())
                    .add("type", (caller.isRestricted() ? TokenType.RESTRICTED : TokenType.UNRESTRICTED).id())
                    .add("brokers", brokers);
        } else {
            json.addNull("project_id");
            if (caller.isRoot()) {
                json.add("role", Role.ROOT.id());
            } else {
                json.addNull("role");
            }
            json.addNull("type").addNull("brokers");
        }
        if (caller.expiresAt() == null) {
            json.addNull("expires_at");
        } else {
            json.add("expires_at", caller.expiresAt());
        }
        return json.build();
    }
}
