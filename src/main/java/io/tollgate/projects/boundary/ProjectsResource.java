package io.tollgate.projects.boundary;

import io.tollgate.json.JsonBuilders;
import io.tollgate.TollgateApplication;
import io.tollgate.access.boundary.Allow;
import io.tollgate.access.entity.Caller;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code /api/projects}: root manages projects; everyone sees the ones they belong to. */
@Path("projects")
@Produces(TollgateApplication.JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectsResource {

    @Inject
    Projects projects;

    @Inject
    RequestValidator validator;

    @POST
    @Allow(role = Role.ROOT, scope = Scope.PLATFORM)
    public JsonObject create(JsonObject body) {
        return projects.create(validator.read(body, ProjectRequest.class).name()).toJson();
    }

    @GET
    @Allow(role = Role.VIEWER, scope = Scope.ANY)
    public JsonArray list(@Context SecurityContext security) {
        JsonArrayBuilder list = JsonBuilders.array();
        projects.visibleTo((Caller) security.getUserPrincipal()).forEach(p -> list.add(p.toJson()));
        return list.build();
    }

    @GET
    @Path("{projectId}")
    @Allow(role = Role.VIEWER, scope = Scope.PROJECT_READ)
    public JsonObject get(@PathParam("projectId") String projectId) {
        return projects.require(projectId).toJson();
    }

    @DELETE
    @Path("{projectId}")
    @Allow(role = Role.ROOT, scope = Scope.PLATFORM)
    public JsonValue delete(@PathParam("projectId") String projectId) {
        projects.delete(projectId);
        return JsonValue.TRUE;
    }
}
