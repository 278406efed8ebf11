package io.tollgate.access.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tollgate.openapi.OpenApiChecks;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OptionsRequestsTest {

    /** What AuthorizationFeature hands over at start: every resource method of every resource class. */
    @BeforeAll
    static void declareEveryResourceMethod() {
        Stream.of(io.tollgate.projects.boundary.ProjectsResource.class, io.tollgate.users.boundary.UsersResource.class,
                io.tollgate.auth.boundary.AuthResource.class, io.tollgate.brokers.boundary.BrokersResource.class,
                io.tollgate.audit.boundary.AuditResource.class, io.tollgate.audit.boundary.ProjectAuditResource.class,
                io.tollgate.version.boundary.VersionResource.class, io.tollgate.members.boundary.MembersResource.class,
                io.tollgate.tokens.boundary.TokensResource.class, io.tollgate.tokens.boundary.LeaksResource.class,
                io.tollgate.usage.boundary.UsageResource.class, io.tollgate.hooks.boundary.HookKeyResource.class)
                .forEach(resource -> {
                    for (Method method : resource.getDeclaredMethods()) {
                        OptionsRequests.declare(resource, method);
                    }
                });
    }

    @Test
    void allowListsTheRoutesMethodsWithHeadForGetAndOptions() {
        assertEquals("GET, HEAD, OPTIONS, POST", OptionsRequests.allowOf("/projects"));
        assertEquals("GET, HEAD, OPTIONS, POST", OptionsRequests.allowOf("projects/p-1/brokers/"));
        assertEquals("DELETE, GET, HEAD, OPTIONS, PUT", OptionsRequests.allowOf("projects/p-1/brokers/b-2"));
        assertEquals("OPTIONS, POST", OptionsRequests.allowOf("projects/p-1/tokens/t-3/rotate"));
        assertEquals("OPTIONS, POST", OptionsRequests.allowOf("tokens/leaks"));
    }

    @Test
    void aPathThatIsNoRouteIsLeftToTheRuntime() {
        assertNull(OptionsRequests.allowOf("nothing/here"));
        assertNull(OptionsRequests.allowOf("projects/p-1/brokers/b-2/more"));
        assertNull(OptionsRequests.allowOf(""));
    }

    /** Every served route, each path matching exactly one template: no JAX-RS precedence is needed. */
    @Test
    void everyServedPathMatchesExactlyItsOwnRoute() {
        Map<String, Set<String>> served = new TreeMap<>();
        for (String route : OpenApiChecks.servedRoutes().all()) {
            String[] methodAndPath = route.split(" ", 2);
            String path = methodAndPath[1].replaceFirst("^/api", "").replaceAll("\\{[^}]+}", "x");
            Set<String> methods = served.computeIfAbsent(path, key -> new TreeSet<>(Set.of("OPTIONS")));
            methods.add(methodAndPath[0]);
            if (methodAndPath[0].equals("GET")) {
                methods.add("HEAD");
            }
        }
        served.forEach((path, methods) -> {
            assertEquals(1, OptionsRequests.routesMatching(path).count(), path);
            assertEquals(String.join(", ", methods), OptionsRequests.allowOf(path), path);
        });
    }
}
