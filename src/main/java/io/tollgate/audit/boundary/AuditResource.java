package io.tollgate.audit.boundary;

import io.tollgate.TollgateApplication;
import io.tollgate.access.boundary.Allow;
import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;
import io.tollgate.audit.entity.AuditEvent;
import io.tollgate.audit.entity.AuditPage;
import io.tollgate.json.JsonBuilders;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.List;

/** {@code GET /api/audit}: root reads every event of the platform, newest first (spec section 7). */
@Path("audit")
@Produces(TollgateApplication.JSON)
public class AuditResource {

    @Inject
    AuditEvents events;

    @GET
    @Allow(role = Role.ROOT, scope = Scope.PLATFORM)
    public JsonArray all(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        return json(events.all(AuditPage.of(limit, before)));
    }

    static JsonArray json(List<AuditEvent> list) {
        JsonArrayBuilder array = JsonBuilders.array();
        list.forEach(event -> array.add(event.toJson()));
        return array.build();
    }
}
