package io.tollgate.users.boundary;

import io.tollgate.json.JsonBuilders;
import io.tollgate.TollgateApplication;
import io.tollgate.access.boundary.Allow;
import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;
import io.tollgate.requests.control.RequestValidator;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/users}: root manages the people who may log in. */
@Path("users")
@Produces(TollgateApplication.JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    Users users;

    @Inject
    RequestValidator validator;

    @POST
    @Allow(role = Role.ROOT, scope = Scope.PLATFORM)
    public JsonObject create(JsonObject body) {
        UserRequest request = validator.read(body, UserRequest.class);
        return users.create(request.username(), request.password()).toJson();
    }

    @GET
    @Allow(role = Role.ROOT, scope = Scope.PLATFORM)
    public JsonArray list() {
        JsonArrayBuilder list = JsonBuilders.array();
        users.all().forEach(user -> list.add(user.toJson()));
        return list.build();
    }

    @DELETE
    @Path("{username}")
    @Allow(role = Role.ROOT, scope = Scope.PLATFORM)
    public JsonValue delete(@PathParam("username") String username) {
        users.delete(username);
        return JsonValue.TRUE;
    }
}
