package io.tollgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (see the README's code layout): no cycle between feature packages, an
 * access kernel that knows no feature, and inside a feature, control below boundary.
 */
class ArchitectureTest {

    /** The features; access may use the shared infrastructure (problems, storage, json, ...) but none of them. */
    private static final String[] FEATURES = {"audit", "auth", "brokers", "members", "projects", "root", "tokens", "users"};

    /** The servers', their clustering's and the JPA providers' own packages. */
    static final String[] SERVER_PACKAGES = {"fish.payara..", "org.glassfish..", "org.jboss..", "org.wildfly..",
            "org.infinispan..", "com.hazelcast..", "org.eclipse.persistence..", "org.hibernate.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tollgate");
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.tollgate.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void accessKernelDependsOnNoFeature() {
        String[] features = new String[FEATURES.length];
        for (int i = 0; i < FEATURES.length; i++) {
            features[i] = "io.tollgate." + FEATURES[i] + "..";
        }
        noClasses().that().resideInAPackage("io.tollgate.access..")
                .should().dependOnClassesThat().resideInAnyPackage(features)
                .check(classes);
    }

    @Test
    void controlNeverCallsBoundaryOfItsFeature() {
        noClasses().that().resideInAPackage("io.tollgate.*.control..")
                .should(dependOnTheBoundaryOfTheirFeature()).check(classes);
    }

    /** Every feature records its changes through audit: audit itself may use no feature (no cycle, ever). */
    @Test
    void auditTrailDependsOnNoOtherFeature() {
        String[] others = java.util.Arrays.stream(FEATURES).filter(f -> !f.equals("audit"))
                .map(f -> "io.tollgate." + f + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage("io.tollgate.audit..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .check(classes);
    }

    /** What exists only because of one server or JPA provider lives in its package under io.tollgate.runtime (docs/runtimes.md). */
    @Test
    void onlyTheRuntimePackagesDependOnAServerOrAPersistenceProvider() {
        noClasses().that().resideOutsideOfPackage("io.tollgate.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVER_PACKAGES)
                .check(classes);
    }

    private static ArchCondition<JavaClass> dependOnTheBoundaryOfTheirFeature() {
        return new ArchCondition<>("depend on the boundary of their own feature") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String boundary = featureOf(origin) + ".boundary";
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    if (target.equals(boundary) || target.startsWith(boundary + ".")) {
                        events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** {@code io.tollgate.tokens} for any class under it. */
    private static String featureOf(JavaClass type) {
        String[] parts = type.getPackageName().split("\\.");
        return parts.length < 3 ? type.getPackageName() : parts[0] + "." + parts[1] + "." + parts[2];
    }
}
