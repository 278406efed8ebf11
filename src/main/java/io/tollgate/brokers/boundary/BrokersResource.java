package io.tollgate.brokers.boundary;

import io.tollgate.json.JsonBuilders;
import io.tollgate.TollgateApplication;
import io.tollgate.access.boundary.Allow;
import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;
import io.tollgate.brokers.entity.Broker;
import io.tollgate.brokers.entity.BrokerUrl;
import io.tollgate.requests.control.JsonFields;
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
import java.util.Set;

/** {@code /api/projects/{projectId}/brokers}: the project's MQTT broker connections. */
@Path("projects/{projectId}/brokers")
@Produces(TollgateApplication.JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BrokersResource {

    private static final Set<String> FIELDS = Set.of("name", "url");

    @Inject
    Brokers brokers;

    @POST
    @Allow(role = Role.EDITOR, scope = Scope.PROJECT)
    public JsonObject create(@PathParam("projectId") String projectId, JsonObject body) {
        JsonFields fields = JsonFields.of(body, FIELDS);
        String name = fields.requiredText("name", 1, Broker.MAX_NAME);
        BrokerUrl url = BrokerUrl.parse(fields.requiredString("url"));
        return brokers.create(projectId, name, url).toJson();
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
        JsonFields fields = JsonFields.of(body, FIELDS);
        String name = fields.requiredText("name", 1, Broker.MAX_NAME);
        BrokerUrl url = BrokerUrl.parse(fields.requiredString("url"));
        return brokers.update(projectId, brokerId, name, url).toJson();
    }

    @DELETE
    @Path("{brokerId}")
    @Allow(role = Role.ADMIN, scope = Scope.BROKER)
    public JsonValue delete(@PathParam("projectId") String projectId, @PathParam("brokerId") String brokerId) {
        brokers.delete(projectId, brokerId);
        return JsonValue.TRUE;
    }
}
