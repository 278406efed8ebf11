package io.tollgate.it;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the Arquillian suites share: the packaged WAR as the deployment (one Payara Micro per
 * concrete subclass: {@link DeployedSuitesIT}, whose chain of abstract classes holds the suites that
 * share one server, and {@link MqttBrokerIT}), the server's URL, root's API client, and a fresh
 * project with one broker per test.
 * <p>
 * The deployment is testable, with the test classes that run inside it ({@link InContainerTests}'
 * tests, run by {@link DeployedSuitesIT}: the whole chain, which the server loads with it) and the
 * helpers they load; the HTTP suites run as clients ({@code @RunAsClient}) and do not notice. No other
 * test class goes in.
 */
abstract class DeployedWarTest {

    @ArquillianResource
    URL base;

    Api root;
    Fixtures fixtures;
    String project;
    String broker;
    /** The server's wall clock, moved by tests that would otherwise sleep past an expiry (reset after each). */
    ServerClock serverClock;

    /**
     * The test classes the deployment adds to the WAR: the server's movable clock, {@link DeployedSuitesIT}
     * with its whole chain (the server loads it to run the in-container tests) and the helpers the chain's
     * fields and signatures name (DeployedSuitesChainTest checks that the chain is here).
     */
    static final List<Class<?>> ADDED = List.of(MovableNow.class, ClockServlet.class, ServerClock.class,
            DeployedWarTest.class, InContainerTests.class, TokensApiTests.class, PeopleApiTests.class,
            BrokerHooksTests.class, PlatformApiTests.class, DeployedSuitesIT.class,
            Api.class, Fixtures.class, Asserts.class, Action.class, RawHttp.class, ServerLogs.class, Servers.class,
            Parallel.class, Jwts.class, Orphans.class, UsageRows.class);

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("tollgate.war")))
                .addClasses(ADDED.toArray(Class<?>[]::new));
    }

    @BeforeEach
    void setUp() throws Exception {
        root = new Api(base.toURI(), Fixtures.ROOT);
        serverClock = new ServerClock(base.toURI());
        fixtures = new Fixtures(root);
        try {
            project = fixtures.project();
        } catch (AssertionError unserved) {
            // the server's log is the next suite's once this one ends: say now what the server said
            throw new AssertionError(unserved.getMessage() + "\nat " + base + "; the end of the server's log:\n"
                    + ServerLogs.tail(Path.of(System.getProperty("tollgate.it.log")), 60), unserved);
        }
        broker = fixtures.broker(project);
    }

    @AfterEach
    void realTimeAgain() {
        if (serverClock != null) {
            serverClock.reset();
        }
    }
}
