package io.tollgate.auth.boundary;

import io.tollgate.TollgateApplication;
import io.tollgate.access.boundary.Allow;
import io.tollgate.access.boundary.Public;
import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;
import io.tollgate.json.JsonBuilders;
import io.tollgate.members.boundary.Members;
import io.tollgate.net.ClientAddress;
import io.tollgate.requests.control.RequestValidator;
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

/** {@code /api/auth}: a person's login, and who any caller is. */
@Path("auth")
@Produces(TollgateApplication.JSON)
public class AuthResource {

    @Inject
    Logins logins;

    @Inject
    RequestValidator validator;

    @Inject
    Members members;

    /** The login throttle counts per client: behind a trusted proxy, the forwarded client, not the proxy. */
    @Inject
    ClientAddress clientAddress;

    @POST
    @Path("login")
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject login(JsonObject body, @Context HttpServletRequest request) {
        LoginRequest login = validator.read(body, LoginRequest.class);
        return logins.login(login.username(), login.password(), clientAddress.of(request));
    }

    /**
     * The caller ({@code Caller.toJson}) and {@code memberships}: a person's {@code [{project_id, role}]},
     * read now like every role of theirs; {@code null} for root and tokens, which hold no membership.
     */
    @GET
    @Path("whoami")
    @Allow(role = Role.VIEWER, scope = Scope.ANY)
    public JsonObject whoami(@Context SecurityContext security) {
        Caller caller = (Caller) security.getUserPrincipal();
        JsonObjectBuilder json = JsonBuilders.object(caller.toJson());
        if (caller.kind() == Caller.Kind.USER) {
            JsonArrayBuilder memberships = JsonBuilders.array();
            members.heldBy(caller.name()).forEach(membership -> memberships.add(membership.toHolderJson()));
            json.add("memberships", memberships);
        } else {
            json.addNull("memberships");
        }
        return json.build();
    }
}
