package io.tollgate;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * Tollgate's HTTP API under {@code /api}. The OpenAPI document is the hand-kept
 * {@code META-INF/openapi.yaml}, the contract written down. People authenticate with JWTs, programs
 * with project tokens, on the same header (see {@code io.tollgate.access}).
 */
@ApplicationPath("api")
@DeclareRoles({"user"})
public class TollgateApplication extends Application {

    /** Every body Tollgate answers with. */
    public static final String JSON = "application/json;charset=UTF-8";

    /**
     * Jersey's automatic Bean Validation of resource methods is switched off: no resource method or
     * parameter carries a constraint (bodies are validated explicitly, with one mapper for the
     * violations), yet Jersey would look for constraints on every request. Other runtimes ignore the key.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.beanValidation.disable.server", Boolean.TRUE);
    }
}
