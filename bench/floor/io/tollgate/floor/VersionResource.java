package io.tollgate.floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The one route of the floor: the path bench/floor.sh waits for on both servers. */
@Path("version")
public class VersionResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String version() {
        return "{\"version\":\"floor\"}";
    }
}
