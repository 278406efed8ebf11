package io.tollgate.brokers.boundary;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code /api/projects/{projectId}/brokers}: the project's MQTT broker connections. */
@Path("projects/{projectId}/brokers")
@Produces(TollgateApplication.JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BrokersResource {

    @Inject
    Brokers brokers;

    @Inject
    RequestValidator validator;

    @POST
    @Allow(role = Role.EDITOR, scope = Scope.PROJECT)
    public JsonObject create(@PathParam("projectId") String projectId, JsonObject body) {
        BrokerRequest request = validator.read(body, BrokerRequest.class);
        return brokers.create(projectId, request.name(), request.brokerUrl()).toJson();
    }

    @GET
    @Allow(role = Role.VIEWER, scope = Scope.BROKERS)
    public JsonArray list(@PathParam("projectId") String projectId, @Context SecurityContext security) {
        JsonArrayBuilder list = JsonBuilders.array();
        brokers.visibleTo((Caller) security.getUserPrincipal(), projectId).forEach(b -> list.add(b.toJson()));
        return list.build();
    }

    @GET
    @Path("{brokerId}")
    @Allow(role = Role.VIEWER, scope = Scope.BROKER)
    public JsonObject get(@PathParam("projectId") String projectId, @PathParam("brokerId") String brokerId) {
        return brokers.require(projectId, brokerId).toJson();
    }

    @PUT
    @Path("{brokerId}")
    @Allow(role = Role.EDITOR, scope = Scope.BROKER)
    public JsonObject update(@PathParam("projectId") String projectId, @PathParam("brokerId") String brokerId,
                             JsonObject body) {
        BrokerRequest request = validator.read(body, BrokerRequest.class);
        return brokers.update(projectId, brokerId, request.name(), request.brokerUrl()).toJson();
    }

    @DELETE
    @Path("{brokerId}")
    @Allow(role = Role.ADMIN, scope = Scope.BROKER)
    public JsonValue delete(@PathParam("projectId") String projectId, @PathParam("brokerId") String brokerId) {
        brokers.delete(projectId, brokerId);
        return JsonValue.TRUE;
    }
}
