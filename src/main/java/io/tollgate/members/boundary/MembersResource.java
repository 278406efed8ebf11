package io.tollgate.members.boundary;

import io.tollgate.errors.Conflict;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/projects/{projectId}/members}: who belongs to a project, with which role. */
@Path("projects/{projectId}/members")
@Produces(TollgateApplication.JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MembersResource {

    @Inject
    Members members;

    @Inject
    RequestValidator validator;

    @PUT
    @Path("{username}")
    @Allow(role = Role.ADMIN, scope = Scope.PROJECT)
    public JsonObject put(@PathParam("projectId") String projectId, @PathParam("username") String username,
                          JsonObject body) {
        Role role = validator.read(body, MemberRequest.class).requestedRole();
        try {
            return members.put(projectId, username, role).toJson();
        } catch (Conflict conflict) {
            // two first PUTs of one membership raced; PUT is idempotent, so the loser tries once more
            return members.put(projectId, username, role).toJson();
        }
    }

    @GET
    @Allow(role = Role.ADMIN, scope = Scope.PROJECT)
    public JsonArray list(@PathParam("projectId") String projectId) {
        JsonArrayBuilder list = JsonBuilders.array();
        members.of(projectId).forEach(m -> list.add(m.toJson()));
        return list.build();
    }

    @DELETE
    @Path("{username}")
    @Allow(role = Role.ADMIN, scope = Scope.PROJECT)
    public JsonValue remove(@PathParam("projectId") String projectId, @PathParam("username") String username) {
        members.remove(projectId, username);
        return JsonValue.TRUE;
    }
}
