package io.tollgate.tokens.boundary;

import io.tollgate.time.Now;
import io.tollgate.json.StreamedJsonArray;
import io.tollgate.TollgateApplication;
import io.tollgate.access.boundary.Allow;
import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;
import io.tollgate.requests.control.JsonFields;
import io.tollgate.requests.control.QueryParameters;
import io.tollgate.requests.control.RequestValidator;
import io.tollgate.requests.boundary.OptionalJsonBody;
import io.tollgate.tokens.control.LastUses;
import io.tollgate.tokens.entity.ProjectToken;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /api/projects/{projectId}/tokens}: create, list, edit and delete project tokens (spec sections
 * 3 and 6); rotate, suspend and resume them (section 6).
 */
@Path("projects/{projectId}/tokens")
@Produces(TollgateApplication.JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokensResource {

    @Inject
    Now clock;

    static final int MAX_LIMIT = 1000;

    @Inject
    Tokens tokens;

    @Inject
    TokenLifecycle lifecycle;

    @Inject
    RequestValidator validator;

    @Inject
    ActiveTokens active;

    @Inject
    @ConfigProperty(name = "tollgate.tokens.list-page-size", defaultValue = "200")
    int listPageSize;

    @POST
    @Allow(role = Role.ADMIN, scope = Scope.PROJECT, writesCredentials = true)
    public JsonObject create(@PathParam("projectId") String projectId, JsonObject body,
                             @Context SecurityContext security) {
        return tokens.create(projectId, validator.read(body, TokenBody.class).toRequest(),
                (Caller) security.getUserPrincipal());
    }

    /**
     * The list (spec sections 3 and 6). With {@code limit}, one page; without, every token, streamed:
     * read {@code tollgate.tokens.list-page-size} at a time and written as read, so that the answer's
     * memory does not grow with the list. The first page is read here, so that a 404 or an outage
     * before the first byte still gets the error body.
     */
    @GET
    @Allow(role = Role.ADMIN, scope = Scope.PROJECT)
    public StreamingOutput list(@PathParam("projectId") String projectId,
                                @QueryParam("limit") String limit, @QueryParam("offset") String offset,
                                @QueryParam("status") String status) {
        long now = clock.millis();
        Tokens.StatusFilter filter = status == null ? null : Tokens.StatusFilter.of(status);
        Integer max = QueryParameters.wholeNumber("limit", limit, 1, MAX_LIMIT);
        Integer skip = QueryParameters.wholeNumber("offset", offset, 0, Integer.MAX_VALUE);
        // the uses still pending before the read: one written between the read and the answer is in neither
        // the rows read nor the pending uses of that later moment (found racing the usage writer's flush)
        Map<String, LastUses.LastUse> pendingBefore = active.lastUses().snapshot();
        Function<ProjectToken, JsonObject> json =
                token -> TokenJson.of(token, newest(pendingBefore.get(token.id()), active.lastUses().pending(token.id())), now);
        if (max != null) {
            return StreamedJsonArray.of(tokens.list(projectId, filter, now, max, skip), json);
        }
        return StreamedJsonArray.paged(tokens.list(projectId, filter, now, listPageSize, skip), listPageSize,
                last -> tokens.after(projectId, filter, now, last, listPageSize), json);
    }

    private static LastUses.LastUse newest(LastUses.LastUse before, LastUses.LastUse now) {
        return before == null || (now != null && now.at() >= before.at()) ? now : before;
    }

    @DELETE
    @Path("{tokenId}")
    @Allow(role = Role.ADMIN, scope = Scope.PROJECT, writesCredentials = true)
    public JsonValue delete(@PathParam("projectId") String projectId, @PathParam("tokenId") String tokenId) {
        tokens.delete(projectId, tokenId);
        return JsonValue.TRUE;
    }

    @PATCH
    @Path("{tokenId}")
    @Allow(role = Role.ADMIN, scope = Scope.PROJECT, writesCredentials = true)
    public JsonObject update(@PathParam("projectId") String projectId, @PathParam("tokenId") String tokenId,
                             JsonObject body, @Context SecurityContext security) {
        return lifecycle.update(projectId, tokenId, validator.read(body, TokenPatch.class),
                (Caller) security.getUserPrincipal());
    }

    /** A new secret for the token, shown this once; admin+, or the token itself (spec section 6). */
    @POST
    @Path("{tokenId}/rotate")
    @Consumes(MediaType.WILDCARD) // optional body, checked by OptionalJsonBody (RESTEasy refuses a bodyless POST otherwise)
    @Allow(role = Role.ADMIN, scope = Scope.OWN_TOKEN, writesCredentials = true)
    public JsonObject rotate(@PathParam("projectId") String projectId, @PathParam("tokenId") String tokenId,
                             @Context HttpHeaders headers, InputStream body, @Context SecurityContext security) {
        RotateBody rotation = validator.read(OptionalJsonBody.read(headers, body), RotateBody.class);
        return lifecycle.rotate(projectId, tokenId, rotation, (Caller) security.getUserPrincipal());
    }

    @POST
    @Path("{tokenId}/suspend")
    @Consumes(MediaType.WILDCARD) // optional body, checked by OptionalJsonBody (RESTEasy refuses a bodyless POST otherwise)
    @Allow(role = Role.ADMIN, scope = Scope.PROJECT, writesCredentials = true)
    public JsonObject suspend(@PathParam("projectId") String projectId, @PathParam("tokenId") String tokenId,
                              @Context HttpHeaders headers, InputStream body) {
        SuspendBody suspension = validator.read(OptionalJsonBody.read(headers, body), SuspendBody.class);
        return lifecycle.suspend(projectId, tokenId, suspension.reason());
    }

    @POST
    @Path("{tokenId}/resume")
    @Consumes(MediaType.WILDCARD) // optional body, checked by OptionalJsonBody (RESTEasy refuses a bodyless POST otherwise)
    @Allow(role = Role.ADMIN, scope = Scope.PROJECT, writesCredentials = true)
    public JsonObject resume(@PathParam("projectId") String projectId, @PathParam("tokenId") String tokenId,
                             @Context HttpHeaders headers, InputStream body) {
        // no body needed; one that is sent follows the strict rules of every body: {} only
        JsonFields.of(OptionalJsonBody.read(headers, body), Set.of());
        return lifecycle.resume(projectId, tokenId);
    }
}
