package io.tollgate.floor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The floor of bench/floor.sh: the smallest JAX-RS application, whose start is what Payara Micro costs by itself. */
@ApplicationPath("/api")
public class FloorApplication extends Application {
}
