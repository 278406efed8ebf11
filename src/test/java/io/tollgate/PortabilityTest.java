package io.tollgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The WAR deploys unchanged on Payara and on WildFly (issue 15): what each server would otherwise
 * read differently, checked in the sources (the WildFly suites check the behaviour).
 */
class PortabilityTest {

    private static final Path WEB_INF = Path.of("src/main/webapp/WEB-INF");

    @Test
    void noEjbSoThatAServerWithoutAnEjbContainerRunsEveryStartupBean() {
        noClasses().should().dependOnClassesThat().resideInAPackage("jakarta.ejb..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.tollgate"));
    }

    @Test
    void theDataSourceIsAnApplicationClassNotAValueOnlyPayaraExpands() throws Exception {
        String webXml = Files.readString(WEB_INF.resolve("web.xml")).replaceAll("(?s)<!--.*?-->", "");
        Matcher className = Pattern.compile("<class-name>([^<]+)</class-name>").matcher(webXml);
        assertTrue(className.find(), "web.xml defines the data source with its class");
        Class<?> dataSource = Class.forName(className.group(1));
        assertTrue(javax.sql.DataSource.class.isAssignableFrom(dataSource), dataSource.getName());
        // the pool size is the one value left to Payara's expansion; WildFly reads its default
        assertFalse(webXml.replace("<max-pool-size>${MPCONFIG=tollgate.db.pool-size:8}</max-pool-size>", "")
                .contains("${MPCONFIG="), "no other Payara-only value in web.xml");
    }

    @Test
    void wildflyServesTheWarAtTheRootAsPayaraDoes() throws Exception {
        String jbossWeb = Files.readString(WEB_INF.resolve("jboss-web.xml"));
        assertTrue(jbossWeb.contains("<context-root>/</context-root>"), jbossWeb);
    }

    @Test
    void tokenCacheInvalidationUsesNeitherServersClusteringButTheSharedDatabase() throws Exception {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("com.hazelcast..", "org.infinispan..", "org.jgroups..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.tollgate"));
        for (String descriptor : new String[] {"beans.xml", "jboss-web.xml", "jboss-deployment-structure.xml"}) {
            String text = Files.readString(WEB_INF.resolve(descriptor)).toLowerCase(java.util.Locale.ROOT);
            assertFalse(text.contains("hazelcast") || text.contains("infinispan"), descriptor + " names no cluster cache");
        }
        assertFalse(Files.readString(WEB_INF.resolve("beans.xml")).contains("ClusterInvalidation"),
                "one invalidation bean, on every server");
        String setup = Files.readString(Path.of("scripts/wildfly-setup.sh"));
        assertFalse(setup.contains("-ha.xml") || setup.contains("/subsystem=jgroups") || setup.contains("/subsystem=infinispan"),
                "a WildFly cluster node is the plain configuration");
    }

    @Test
    void wildflySeesTheDatabaseDrivers() throws Exception {
        String structure = Files.readString(WEB_INF.resolve("jboss-deployment-structure.xml"));
        assertTrue(structure.contains("<module name=\"com.h2database.h2\""), structure);
        assertTrue(structure.contains("<module name=\"org.postgresql\""), structure);
        assertEquals(-1, structure.indexOf("<exclusions>"), "nothing of the server's taken away");
    }

    @Test
    void wildflyGivesTheWarSoteriasPasswordHashBeanAsPayaraHasIt() throws Exception {
        String structure = Files.readString(WEB_INF.resolve("jboss-deployment-structure.xml"));
        assertTrue(structure.contains("<module name=\"org.glassfish.soteria\" optional=\"true\" meta-inf=\"import\"/>"),
                structure);
    }
}
