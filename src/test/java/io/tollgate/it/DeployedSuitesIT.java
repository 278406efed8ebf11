package io.tollgate.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The suites on the packaged WAR that share one managed server: one Payara Micro (or WildFly) start,
 * 20 to 35 s on a loaded CI machine, serves them all, in every CI cell (issue 22). Arquillian deploys
 * once per concrete test class and JUnit runs inherited tests, so the suites are a chain of abstract
 * classes, each file with its own tests, and this is its one concrete end:
 * {@link DeployedWarTest} (the deployment, the per-test fixtures) &lt;- {@link InContainerTests}
 * (inside the server) &lt;- {@link TokensApiTests} &lt;- {@link PeopleApiTests} &lt;- {@link BrokerHooksTests}
 * &lt;- {@link PlatformApiTests} &lt;- this class. The order is of no consequence: no test relies on
 * another having run or not.
 * <p>
 * What the chain asks of its classes ({@code DeployedSuitesChainTest} checks the first three):
 * <ul>
 * <li>{@code @RunAsClient} and {@code @Tag} on a test method, never on a class: both are inherited,
 * and a class-level one would run every in-container test as a client, or put every test of the
 * chain in the runtime subset.</li>
 * <li>No method of one class has the name of another class's non-private method, which would
 * override it silently; {@code setUp} alone is overridden, on purpose ({@link InContainerTests}).</li>
 * <li>A {@code @BeforeEach} or {@code @AfterEach} runs around every test of the chain, the
 * in-container ones included: there are only {@link DeployedWarTest}'s (and its override).</li>
 * <li>The server's state outlives a test: per-address throttles, lockouts, metrics counters and its
 * log. A test reads deltas, or works on addresses, usernames and projects of its own.</li>
 * </ul>
 * {@link MqttBrokerIT} stays apart, on a deployment of its own: it runs beside a RabbitMQ node.
 * All of them: {@code -Dit.test=DeployedSuitesIT}; one test: {@code -Dit.test=DeployedSuitesIT#itsMethodName}.
 */
@ExtendWith(ArquillianExtension.class)
class DeployedSuitesIT extends PlatformApiTests {
}
