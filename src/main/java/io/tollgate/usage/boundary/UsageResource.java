package io.tollgate.usage.boundary;

import io.tollgate.TollgateApplication;
import io.tollgate.access.boundary.Allow;
import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;
import io.tollgate.json.JsonBuilders;
import io.tollgate.requests.control.QueryParameters;
import io.tollgate.tokens.boundary.Tokens;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/projects/{projectId}/tokens/{tokenId}/usage}: a token's usage log (spec section 7),
 * newest first, paged by {@code before} (exclusive, epoch ms).
 */
@Path("projects/{projectId}/tokens/{tokenId}/usage")
@Produces(TollgateApplication.JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsageResource {

    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 100;

    @Inject
    Tokens tokens;

    @Inject
    UsageLog log;

    @GET
    @Allow(role = Role.ADMIN, scope = Scope.PROJECT)
    public JsonArray usage(@PathParam("projectId") String projectId, @PathParam("tokenId") String tokenId,
                           @QueryParam("limit") String limit, @QueryParam("before") String before) {
        Integer max = QueryParameters.wholeNumber("limit", limit, 1, MAX_LIMIT);
        long bound = QueryParameters.epochMillis("before", before);
        tokens.requireToken(projectId, tokenId);
        JsonArrayBuilder uses = JsonBuilders.array();
        log.page(tokenId, bound, max == null ? DEFAULT_LIMIT : max).forEach(use -> uses.add(use.toJson()));
        return uses.build();
    }
}
