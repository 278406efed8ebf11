package io.tollgate;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Tollgate's HTTP API under {@code /api}. The OpenAPI document is the hand-kept
 * {@code META-INF/openapi.yaml}, the contract written down.
 */
@ApplicationPath("api")
public class TollgateApplication extends Application {

    /** Every body Tollgate answers with. */
    public static final String JSON = "application/json;charset=UTF-8";
}
