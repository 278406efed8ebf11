package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Tags;
import org.junit.jupiter.api.Test;

/**
 * What {@link DeployedSuitesIT}'s chain of abstract classes asks of its classes, which nothing else
 * would catch: an inherited annotation or an overriding method changes other suites' tests without a
 * word. A unit test: it only reads the classes.
 */
class DeployedSuitesChainTest {

    /** The chain from {@link DeployedWarTest} down to {@link DeployedSuitesIT}. */
    private static List<Class<?>> chain() {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = DeployedSuitesIT.class; c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        return chain;
    }

    private static List<Method> tests(Class<?> type) {
        return List.of(type.getDeclaredMethods()).stream().filter(m -> m.isAnnotationPresent(Test.class)).toList();
    }

    @Test
    void theChainIsAbstractButItsEndAndTheDeploymentHoldsAllOfIt() {
        List<Class<?>> chain = chain();
        assertEquals(DeployedWarTest.class, chain.get(0));
        for (Class<?> type : chain) {
            assertEquals(type != DeployedSuitesIT.class, Modifier.isAbstract(type.getModifiers()), type.getName());
            assertTrue(DeployedWarTest.ADDED.contains(type), type.getSimpleName() + " is loaded by the server: add it to the deployment");
        }
    }

    @Test
    void runAsClientAndTagsAreOnTestsNeverOnAClassOfTheChain() {
        for (Class<?> type : chain()) {
            for (Class<? extends Annotation> inherited : List.of(RunAsClient.class, Tag.class, Tags.class)) {
                assertFalse(type.getDeclaredAnnotation(inherited) != null,
                        type.getSimpleName() + " has a class-level @" + inherited.getSimpleName()
                                + ": every test of the chain would inherit it");
            }
        }
    }

    /** The in-container tests are {@link InContainerTests}' and only theirs; every other test runs as a client. */
    @Test
    void everyTestButTheInContainerOnesRunsAsAClient() {
        int inside = 0;
        int outside = 0;
        for (Class<?> type : chain()) {
            for (Method test : tests(type)) {
                boolean client = test.isAnnotationPresent(RunAsClient.class);
                assertEquals(type != InContainerTests.class, client, type.getSimpleName() + "#" + test.getName());
                if (client) {
                    outside++;
                } else {
                    inside++;
                }
            }
        }
        assertTrue(inside > 0 && outside > 0, inside + " in the container, " + outside + " as clients");
    }

    /** Only setUp is overridden (by InContainerTests, on purpose): any other shared name would override silently. */
    @Test
    void noTwoClassesOfTheChainDeclareAMethodOfTheSameName() {
        Map<String, List<String>> declaredBy = new TreeMap<>();
        Map<String, Class<?>> first = new HashMap<>();
        for (Class<?> type : chain()) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPrivate(method.getModifiers()) || method.isSynthetic()) {
                    continue;
                }
                Class<?> earlier = first.putIfAbsent(method.getName(), type);
                if (earlier != null && earlier != type) {
                    declaredBy.computeIfAbsent(method.getName(), name -> new ArrayList<>(List.of(earlier.getSimpleName())))
                            .add(type.getSimpleName());
                }
            }
        }
        assertEquals(Map.of("setUp", List.of("DeployedWarTest", "InContainerTests")), declaredBy);
    }

    /** A lifecycle method runs around every test of the chain, in-container ones included. */
    @Test
    void theOnlyLifecycleMethodsAreTheFixtures() {
        List<String> lifecycle = new ArrayList<>();
        for (Class<?> type : chain()) {
            for (Method method : type.getDeclaredMethods()) {
                for (Class<? extends Annotation> kind : List.of(BeforeAll.class, BeforeEach.class, AfterEach.class, AfterAll.class)) {
                    if (method.isAnnotationPresent(kind)) {
                        lifecycle.add(type.getSimpleName() + "#" + method.getName() + " @" + kind.getSimpleName());
                    }
                }
            }
        }
        assertEquals(Set.of("DeployedWarTest#setUp @BeforeEach", "DeployedWarTest#realTimeAgain @AfterEach",
                "InContainerTests#setUp @BeforeEach"), Set.copyOf(lifecycle));
    }
}
