package io.tollgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.tollgate.runtime.Server;
import io.tollgate.runtime.payara.FailFastOnOutage;
import io.tollgate.runtime.payara.PayaraServer;
import io.tollgate.runtime.wildfly.WildFlyServer;
import io.tollgate.storage.control.ConfiguredDataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.persistence.config.SessionCustomizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The WAR deploys unchanged on Payara and on WildFly (docs/runtimes.md): the classes each server would
 * treat differently, and what the seam in io.tollgate.runtime does where its server is absent. The
 * WildFly suites check the behaviour on the server itself.
 */
class PortabilityTest {

    private static final Path WEB_INF = Path.of("src/main/webapp/WEB-INF");
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tollgate");
    }

    @Test
    void noEjbSoThatAServerWithoutAnEjbContainerRunsEveryStartupBean() {
        noClasses().should().dependOnClassesThat().resideInAPackage("jakarta.ejb..").check(main);
    }

    @Test
    void tokenCacheInvalidationUsesNeitherServersClusteringButTheSharedDatabase() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("com.hazelcast..", "org.infinispan..", "org.jgroups..").check(main);
    }

    /** /openapi is the WAR's own (openapi.OpenApiEndpoint): no class of the servers' MicroProfile OpenAPI, and no Jackson. */
    @Test
    void theOpenApiDocumentNeedsNoServersOpenApiNorItsJsonLibrary() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.microprofile.openapi..", "com.fasterxml.jackson..").check(main);
    }

    @Test
    void eachProvidersClassesLiveInThePackageOfTheServerThatHasIt() {
        noClasses().that().resideOutsideOfPackage("io.tollgate.runtime.payara")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.persistence..", "fish.payara..", "org.glassfish..")
                .check(main);
        noClasses().that().resideOutsideOfPackage("io.tollgate.runtime.wildfly")
                .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "org.jboss..", "org.wildfly..")
                .check(main);
    }

    /** beans.xml keeps each server's package out where that server's marker class is missing, and nothing else of ours. */
    @Test
    void beansXmlChoosesTheRuntimePackagesAndOnlyThem() throws Exception {
        Set<String> runtimeRules = new TreeSet<>();
        NodeList excludes = xml("beans.xml").getElementsByTagName("exclude");
        for (int i = 0; i < excludes.getLength(); i++) {
            String name = ((Element) excludes.item(i)).getAttribute("name");
            if (name.startsWith("io.tollgate.runtime")) {
                runtimeRules.add(name);
            }
        }
        assertEquals(Set.of("io.tollgate.runtime.payara.**", "io.tollgate.runtime.wildfly.**"), runtimeRules);
        // the Payara package's marker is what its EclipseLink customizer implements: present wherever it can run
        assertTrue(SessionCustomizer.class.isAssignableFrom(FailFastOnOutage.class));
    }

    @Test
    void awayFromItsServerEachServerBeanTellsNothingAndStopsNothing() {
        for (Server server : List.of(Server.OTHER, new PayaraServer(), new WildFlyServer())) {
            assertEquals(0, server.httpPort(), server.getClass().getName());
            assertDoesNotThrow(server::stopListening);
        }
    }

    /** web.xml names an application class as its data source (no Payara-only expression as a class name). */
    @Test
    void theDataSourceIsAnApplicationDataSourceEveryPoolCanConfigure() throws Exception {
        Element dataSource = (Element) xml("web.xml").getElementsByTagName("data-source").item(0);
        String className = dataSource.getElementsByTagName("class-name").item(0).getTextContent().trim();
        Class<?> type = Class.forName(className);
        assertEquals(ConfiguredDataSource.class, type);
        assertTrue(DataSource.class.isAssignableFrom(type));
        // WildFly's pool sets the description bean property and refuses a class without one
        ConfiguredDataSource configured = (ConfiguredDataSource) type.getConstructor().newInstance();
        configured.setDescription("pool");
        assertEquals("pool", configured.getDescription());
    }

    @Test
    void wildflyGivesTheWarTheDriversAndSoteriaAndServesItAtTheRoot() throws Exception {
        Set<String> modules = new TreeSet<>();
        NodeList list = xml("jboss-deployment-structure.xml").getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            modules.add(((Element) list.item(i)).getAttribute("name"));
        }
        assertArrayEquals(new String[] {"com.h2database.h2", "org.glassfish.soteria", "org.postgresql"}, modules.toArray());
        assertEquals("/", xml("jboss-web.xml").getElementsByTagName("context-root").item(0).getTextContent().trim());
    }

    private static Document xml(String descriptor) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(WEB_INF.resolve(descriptor).toFile());
    }
}
