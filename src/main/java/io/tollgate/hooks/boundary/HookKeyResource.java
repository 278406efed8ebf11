package io.tollgate.hooks.boundary;

import io.tollgate.TollgateApplication;
import io.tollgate.access.boundary.Allow;
import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;
import io.tollgate.json.JsonBuilders;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Comparator;

/**
 * {@code POST /api/projects/{projectId}/brokers/{brokerId}/hook-key} (spec section 9): a new hook key
 * for the broker, replacing the old one, shown this once with the full URL of every hook endpoint of
 * this server (from the request's own base URI).
 */
@Path("projects/{projectId}/brokers/{brokerId}/hook-key")
@Produces(TollgateApplication.JSON)
public class HookKeyResource {

    @Inject
    HookKeys keys;

    @Inject
    @Any
    Instance<Contract> contracts;

    @POST
    @Allow(role = Role.ADMIN, scope = Scope.BROKER, writesCredentials = true)
    public JsonObject replace(@PathParam("projectId") String projectId, @PathParam("brokerId") String brokerId,
                              @Context UriInfo uri) {
        String key = keys.replace(projectId, brokerId);
        // the application's base URI ends in api/: the hooks are beside it, outside the API
        URI hooks = uri.getBaseUri().resolve("../mqtt/" + key + "/");
        JsonObjectBuilder urls = JsonBuilders.object();
        contracts.stream().sorted(Comparator.comparing(Contract::name)).forEach(contract ->
                contract.endpoints().forEach(endpoint -> urls.add(Contract.urlKey(contract, endpoint),
                        hooks.resolve(contract.name() + "/" + endpoint).toString())));
        return JsonBuilders.object().add("hook_key", key).add("hook_urls", urls).build();
    }
}
