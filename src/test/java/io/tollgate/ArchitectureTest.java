package io.tollgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.enterprise.context.Initialized;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (see the README's code layout): no cycle between feature packages, an
 * access kernel that knows no feature, and inside a feature, control below boundary.
 */
class ArchitectureTest {

    /** The features; access may use the shared infrastructure (problems, storage, json, ...) but none of them. */
    private static final String[] FEATURES = {"audit", "auth", "brokers", "hooks", "members", "projects", "root", "tokens",
        "usage", "users"};

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

    /** One place reads the wall clock (time.Now), so that the integration tests can move it instead of sleeping. */
    @Test
    void onlyNowReadsTheWallClock() {
        noClasses().that().doNotHaveFullyQualifiedName("io.tollgate.time.Now")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .check(classes);
    }

    /**
     * {@code jakarta.json.Json}'s static methods look the JSON-P provider up through the service loader
     * (a class path scan) on every call: only static initializers may call them, to make a factory or
     * provider once. A per-request {@code Json.createValue} halved the broker checks' throughput.
     */
    @Test
    void theJsonProviderIsLookedUpOnlyOnceNeverPerRequest() {
        noClasses().should().callMethodWhere(DescribedPredicate.describe("a method of jakarta.json.Json outside a static initializer",
                        call -> call.getTargetOwner().isEquivalentTo(jakarta.json.Json.class)
                                && !call.getOrigin().getName().equals("<clinit>")))
                .check(classes);
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

    /** Inside a feature, entity is the bottom layer: it knows neither the control nor the boundary above it. */
    @Test
    void entityNeverCallsControlOrBoundaryOfItsFeature() {
        noClasses().that().resideInAPackage("io.tollgate.*.entity..")
                .should(dependOnALayerAboveInTheirFeature()).check(classes);
    }

    /** Health collects what features contribute ({@code ReadinessData}) without knowing any of them. */
    @Test
    void healthDependsOnNoFeature() {
        noClasses().that().resideInAPackage("io.tollgate.health..")
                .should().dependOnClassesThat().resideInAnyPackage(features())
                .check(classes);
    }

    /** The usage log is built on tokens (their ids, their last use); tokens know nothing of the log. */
    @Test
    void tokensDoNotDependOnTheUsageLog() {
        noClasses().that().resideInAPackage("io.tollgate.tokens..")
                .should().dependOnClassesThat().resideInAPackage("io.tollgate.usage..")
                .check(classes);
    }

    /** The brokers' hooks ask the features below them; nothing depends on them. */
    @Test
    void noFeatureDependsOnTheBrokersHooks() {
        noClasses().that().resideOutsideOfPackage("io.tollgate.hooks..")
                .should().dependOnClassesThat().resideInAPackage("io.tollgate.hooks..")
                .check(classes);
    }

    /** One class starts the application, in an order it states: no other observer of the start event. */
    @Test
    void oneStartSequenceObservesTheApplicationStart() {
        List<String> observers = classes.stream().flatMap(type -> type.getMethods().stream())
                .filter(method -> method.getParameters().stream()
                        .anyMatch(parameter -> parameter.isAnnotatedWith(Initialized.class)))
                .map(method -> method.getOwner().getName()).distinct().toList();
        assertEquals(List.of("io.tollgate.start.boundary.StartSequence"), observers);
    }

    private static String[] features() {
        return java.util.Arrays.stream(FEATURES).map(f -> "io.tollgate." + f + "..").toArray(String[]::new);
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
        return dependOnLayersOfTheirFeature("depend on the boundary of their own feature", "boundary");
    }

    private static ArchCondition<JavaClass> dependOnALayerAboveInTheirFeature() {
        return dependOnLayersOfTheirFeature("depend on the control or boundary of their own feature",
                "control", "boundary");
    }

    private static ArchCondition<JavaClass> dependOnLayersOfTheirFeature(String description, String... layers) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (String layer : layers) {
                    String above = featureOf(origin) + "." + layer;
                    for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                        String target = dependency.getTargetClass().getPackageName();
                        if (target.equals(above) || target.startsWith(above + ".")) {
                            events.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                        }
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
