package io.tollgate.it;

import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the Arquillian suites share: the packaged WAR as the deployment (one Payara Micro per
 * subclass), the server's URL, root's API client, and a fresh project with one broker per test.
 */
abstract class DeployedWarTest {

    @ArquillianResource
    URL base;

    Api root;
    Fixtures fixtures;
    String project;
    String broker;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("tollgate.war")));
    }

    @BeforeEach
    void setUp() throws Exception {
        root = new Api(base.toURI(), Fixtures.ROOT);
        fixtures = new Fixtures(root);
        project = fixtures.project();
        broker = fixtures.broker(project);
    }
}
