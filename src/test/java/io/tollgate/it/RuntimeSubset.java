package io.tollgate.it;

/**
 * The tag of the integration tests whose outcome can depend on the server or the database under
 * the WAR, as opposed to the application's own logic. CI runs every integration test on two cells
 * (Payara Micro on H2, WildFly on PostgreSQL) and only the tagged ones on the other two (Payara on
 * PostgreSQL, WildFly on H2): {@code mvn verify -Dtollgate.it.groups=runtime}.
 * <p>
 * What is tagged: the transport (headers, TRACE, media types, streaming, client addresses behind a
 * proxy), error pages and the last-resort mapper, health, metrics, OpenAPI, the credential mechanisms
 * (each server has its own JWT and authentication plumbing), logs (each server logs its own way),
 * the broker hook contracts (spec section 9, served by a servlet of their own, not JAX-RS),
 * transactions and constraints under concurrency (EclipseLink or Hibernate on H2 or PostgreSQL each
 * translate them their own way), database outages, durability, the cluster and the start and stop.
 * <p>
 * The tag goes on each test: on a class of {@link DeployedSuitesIT}'s chain it would be inherited by
 * every test of the suites below it ({@code DeployedSuitesChainTest} refuses that).
 */
final class RuntimeSubset {

    static final String TAG = "runtime";

    private RuntimeSubset() {
    }
}
