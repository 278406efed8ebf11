package io.tollgate.audit.boundary;

import io.tollgate.TollgateApplication;
import io.tollgate.access.boundary.Allow;
import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;
import io.tollgate.audit.control.ProjectExistence;
import io.tollgate.audit.entity.AuditPage;
import io.tollgate.errors.NotFound;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

/**
 * {@code GET /api/projects/{projectId}/audit}: a project's events, newest first, for its admins
 * (spec section 7). The trail of a deleted project stays readable (by root: nobody else has a role
 * in it any more); an id that is neither a project nor named by any event is a 404.
 */
@Path("projects/{projectId}/audit")
@Produces(TollgateApplication.JSON)
public class ProjectAuditResource {

    @Inject
    AuditEvents events;

    @Inject
    ProjectExistence projects;

    @GET
    @Allow(role = Role.ADMIN, scope = Scope.PROJECT)
    public JsonArray ofProject(@PathParam("projectId") String projectId,
                               @QueryParam("limit") String limit, @QueryParam("before") String before) {
        AuditPage page = AuditPage.of(limit, before);
        if (!projects.exists(projectId) && !events.anyOf(projectId)) {
            throw new NotFound("no project with id " + projectId);
        }
        return AuditResource.json(events.ofProject(projectId, page));
    }
}
