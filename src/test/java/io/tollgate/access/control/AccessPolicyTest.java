package io.tollgate.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.access.boundary.Allow;
import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;
import io.tollgate.brokers.boundary.BrokersResource;
import io.tollgate.hooks.boundary.HookKeyResource;
import io.tollgate.projects.boundary.ProjectsResource;
import io.tollgate.tokens.boundary.TokensResource;
import io.tollgate.usage.boundary.UsageResource;
import io.tollgate.tokens.entity.ActiveToken;
import io.tollgate.tokens.entity.TokenType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The role table of spec section 2, checked against {@link AccessPolicy} for every action the resources declare. */
class AccessPolicyTest {

    private static final String PROJECT = "project-a";
    private static final String OTHER_PROJECT = "project-b";
    private static final String OWN_BROKER = "broker-own";
    private static final String SECOND_OWN_BROKER = "broker-own-2";
    private static final String OTHER_BROKER = "broker-other";

    /** Every action of the resources, with the minimum role and scope its {@code @Allow} should declare. */
    enum Action {
        CREATE_PROJECT(ProjectsResource.class, "create", Role.ROOT, Scope.PLATFORM, false, false),
        LIST_PROJECTS(ProjectsResource.class, "list", Role.VIEWER, Scope.ANY, false, false),
        READ_PROJECT(ProjectsResource.class, "get", Role.VIEWER, Scope.PROJECT_READ, true, false),
        DELETE_PROJECT(ProjectsResource.class, "delete", Role.ROOT, Scope.PLATFORM, true, false),
        CREATE_BROKER(BrokersResource.class, "create", Role.EDITOR, Scope.PROJECT, true, false),
        LIST_BROKERS(BrokersResource.class, "list", Role.VIEWER, Scope.BROKERS, true, false),
        READ_BROKER(BrokersResource.class, "get", Role.VIEWER, Scope.BROKER, true, true),
        UPDATE_BROKER(BrokersResource.class, "update", Role.EDITOR, Scope.BROKER, true, true),
        DELETE_BROKER(BrokersResource.class, "delete", Role.ADMIN, Scope.BROKER, true, true),
        HOOK_KEY(HookKeyResource.class, "replace", Role.ADMIN, Scope.BROKER, true, true),
        CREATE_TOKEN(TokensResource.class, "create", Role.ADMIN, Scope.PROJECT, true, false),
        LIST_TOKENS(TokensResource.class, "list", Role.ADMIN, Scope.PROJECT, true, false),
        DELETE_TOKEN(TokensResource.class, "delete", Role.ADMIN, Scope.PROJECT, true, false),
        UPDATE_TOKEN(TokensResource.class, "update", Role.ADMIN, Scope.PROJECT, true, false),
        ROTATE_TOKEN(TokensResource.class, "rotate", Role.ADMIN, Scope.OWN_TOKEN, true, false),
        SUSPEND_TOKEN(TokensResource.class, "suspend", Role.ADMIN, Scope.PROJECT, true, false),
        RESUME_TOKEN(TokensResource.class, "resume", Role.ADMIN, Scope.PROJECT, true, false),
        TOKEN_USAGE(UsageResource.class, "usage", Role.ADMIN, Scope.PROJECT, true, false);

        final Class<?> resource;
        final String method;
        final Role minimum;
        final Scope scope;
        /** Whether the path names a project ({projectId}). */
        final boolean inProject;
        /** Whether the path names a broker ({brokerId}). */
        final boolean onBroker;

        Action(Class<?> resource, String method, Role minimum, Scope scope, boolean inProject, boolean onBroker) {
            this.resource = resource;
            this.method = method;
            this.minimum = minimum;
            this.scope = scope;
            this.inProject = inProject;
            this.onBroker = onBroker;
        }
    }

    /** The actions that create, change or delete a credential: never with a previous secret (spec section 6). */
    private static final Set<Action> WRITE_CREDENTIALS = EnumSet.of(Action.HOOK_KEY, Action.CREATE_TOKEN, Action.DELETE_TOKEN,
            Action.UPDATE_TOKEN, Action.ROTATE_TOKEN, Action.SUSPEND_TOKEN, Action.RESUME_TOKEN);

    /** The principals of the table; restricted tokens list {@link #OWN_BROKER} and {@link #SECOND_OWN_BROKER}. */
    enum Principal {
        VIEWER, EDITOR, ADMIN, RESTRICTED_VIEWER, RESTRICTED_EDITOR, RESTRICTED_ADMIN, OTHER_PROJECT_ADMIN, ROOT;

        Caller caller() {
            return switch (this) {
                case VIEWER -> token(PROJECT, Role.VIEWER, TokenType.UNRESTRICTED, Set.of());
                case EDITOR -> token(PROJECT, Role.EDITOR, TokenType.UNRESTRICTED, Set.of());
                case ADMIN -> token(PROJECT, Role.ADMIN, TokenType.UNRESTRICTED, Set.of());
                case RESTRICTED_VIEWER -> token(PROJECT, Role.VIEWER, TokenType.RESTRICTED,
                        Set.of(OWN_BROKER, SECOND_OWN_BROKER));
                case RESTRICTED_EDITOR -> token(PROJECT, Role.EDITOR, TokenType.RESTRICTED,
                        Set.of(OWN_BROKER, SECOND_OWN_BROKER));
                case RESTRICTED_ADMIN -> token(PROJECT, Role.ADMIN, TokenType.RESTRICTED,
                        Set.of(OWN_BROKER, SECOND_OWN_BROKER));
                case OTHER_PROJECT_ADMIN -> token(OTHER_PROJECT, Role.ADMIN, TokenType.UNRESTRICTED, Set.of());
                case ROOT -> Caller.root();
            };
        }

        boolean restricted() {
            return name().startsWith("RESTRICTED_");
        }
    }

    /*
     * Spec section 2 (restricted tokens acting on a broker they list). ✓ = allowed, · = 403.
     * Columns: viewer, editor, admin, restricted viewer, restricted editor, restricted admin,
     * admin of another project, root.
     */
    private static final String TABLE = """
            CREATE_PROJECT  · · · · · · · ✓
            LIST_PROJECTS   ✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓
            READ_PROJECT    ✓ ✓ ✓ ✓ ✓ ✓ · ✓
            DELETE_PROJECT  · · · · · · · ✓
            CREATE_BROKER   · ✓ ✓ · · · · ✓
            LIST_BROKERS    ✓ ✓ ✓ ✓ ✓ ✓ · ✓
            READ_BROKER     ✓ ✓ ✓ ✓ ✓ ✓ · ✓
            UPDATE_BROKER   · ✓ ✓ · ✓ ✓ · ✓
            DELETE_BROKER   · · ✓ · · ✓ · ✓
            HOOK_KEY        · · ✓ · · ✓ · ✓
            CREATE_TOKEN    · · ✓ · · · · ✓
            LIST_TOKENS     · · ✓ · · · · ✓
            DELETE_TOKEN    · · ✓ · · · · ✓
            UPDATE_TOKEN    · · ✓ · · · · ✓
            ROTATE_TOKEN    · · ✓ · · · · ✓
            SUSPEND_TOKEN   · · ✓ · · · · ✓
            RESUME_TOKEN    · · ✓ · · · · ✓
            TOKEN_USAGE     · · ✓ · · · · ✓
            """;

    private static Caller token(String projectId, Role role, TokenType type, Set<String> brokers) {
        String id = projectId + "-" + role.id() + "-" + type.id();
        return new ActiveToken(id, projectId, id, role, type, brokers,
                Long.MAX_VALUE, new AtomicLong(ActiveToken.NEVER)).caller();
    }

    /** As the authorization filter asks: the role in the path's project, and the path's broker. */
    private static boolean permits(Caller caller, Action action, String brokerId) {
        Role role = action.inProject ? roleIn(caller, PROJECT) : null;
        return AccessPolicy.permits(caller, role, action.minimum, action.scope, action.onBroker ? brokerId : null);
    }

    private static Map<Action, Map<Principal, Boolean>> table() {
        Map<Action, Map<Principal, Boolean>> table = new HashMap<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] cells = line.strip().split("\\s+");
            assertEquals(1 + Principal.values().length, cells.length, line);
            Map<Principal, Boolean> row = new HashMap<>();
            for (Principal principal : Principal.values()) {
                String cell = cells[1 + principal.ordinal()];
                assertTrue(cell.equals("✓") || cell.equals("·"), line);
                row.put(principal, cell.equals("✓"));
            }
            table.put(Action.valueOf(cells[0]), row);
        }
        assertEquals(EnumSet.allOf(Action.class), table.keySet(), "the table covers every action");
        return table;
    }

    static Stream<Arguments> roleTable() {
        List<Arguments> cases = new ArrayList<>();
        table().forEach((action, row) -> row.forEach((principal, allowed) ->
                cases.add(Arguments.of(action, principal, allowed))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} {0} on its own broker -> allowed: {2}")
    @MethodSource("roleTable")
    void roleTableOfTheContractHolds(Action action, Principal principal, boolean allowed) {
        assertEquals(allowed, permits(principal.caller(), action, OWN_BROKER));
    }

    @ParameterizedTest(name = "{1} {0} on a broker it does not list -> allowed: {2}")
    @MethodSource("roleTable")
    void restrictedTokenCannotActOnOtherBroker(Action action, Principal principal, boolean allowedOnOwn) {
        boolean expected = principal.restricted() && action.onBroker ? false : allowedOnOwn;
        assertEquals(expected, permits(principal.caller(), action, OTHER_BROKER));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Action.class)
    void resourceMethodDeclaresTheAccessOfTheContract(Action action) {
        Method method = Stream.of(action.resource.getDeclaredMethods())
                .filter(m -> m.getName().equals(action.method) && m.isAnnotationPresent(Allow.class))
                .findFirst()
                .orElseThrow(() -> new AssertionError(action.resource.getSimpleName() + "." + action.method
                        + " has no @Allow"));
        Allow allow = method.getAnnotation(Allow.class);
        assertNotNull(allow);
        assertEquals(action.minimum, allow.role(), action + " minimum role");
        assertEquals(action.scope, allow.scope(), action + " scope");
        assertEquals(WRITE_CREDENTIALS.contains(action), allow.writesCredentials(), action + " writes credentials");
    }

    @Test
    void everyAllowOfTheResourcesIsInTheTable() {
        for (Class<?> resource : List.of(ProjectsResource.class, BrokersResource.class, HookKeyResource.class,
                TokensResource.class, UsageResource.class)) {
            for (Method method : resource.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(Allow.class)) {
                    continue;
                }
                boolean known = Stream.of(Action.values())
                        .anyMatch(a -> a.resource == resource && a.method.equals(method.getName()));
                assertTrue(known, resource.getSimpleName() + "." + method.getName() + " is not in the role table");
            }
        }
    }

    @Test
    void restrictedTokenMayActOnEveryBrokerItLists() {
        Caller caller = Principal.RESTRICTED_ADMIN.caller();
        assertTrue(permits(caller, Action.DELETE_BROKER, OWN_BROKER));
        assertTrue(permits(caller, Action.DELETE_BROKER, SECOND_OWN_BROKER));
        assertFalse(permits(caller, Action.DELETE_BROKER, OTHER_BROKER));
    }

    @Test
    void restrictedTokenCannotActOnBrokerWithoutBrokerId() {
        Caller caller = Principal.RESTRICTED_ADMIN.caller();
        assertFalse(AccessPolicy.permits(caller, Role.ADMIN, Role.VIEWER, Scope.BROKER, null));
    }

    @Test
    void restrictedTokenMayReadItsProjectAndListBrokers() {
        Caller caller = Principal.RESTRICTED_VIEWER.caller();
        assertTrue(permits(caller, Action.READ_PROJECT, null));
        assertTrue(permits(caller, Action.LIST_BROKERS, null));
    }

    @Test
    void restrictedAdminCannotDoProjectWideActions() {
        Caller caller = Principal.RESTRICTED_ADMIN.caller();
        assertFalse(permits(caller, Action.CREATE_TOKEN, null));
        assertFalse(permits(caller, Action.LIST_TOKENS, null));
        assertFalse(permits(caller, Action.DELETE_TOKEN, null));
        assertFalse(permits(caller, Action.CREATE_BROKER, null));
    }

    @Test
    void unrestrictedTokenMayActOnAnyBrokerOfItsProject() {
        Caller caller = Principal.ADMIN.caller();
        assertTrue(permits(caller, Action.DELETE_BROKER, OTHER_BROKER));
        assertTrue(caller.brokers().isEmpty());
    }

    @Test
    void tokenOfAnotherProjectIsRefusedEvenForItsOwnBrokerIds() {
        Caller caller = token(OTHER_PROJECT, Role.ADMIN, TokenType.RESTRICTED, Set.of(OWN_BROKER));
        for (Action action : Action.values()) {
            if (action.inProject) {
                assertFalse(permits(caller, action, OWN_BROKER), action.toString());
            }
        }
    }

    @Test
    void rootMayDoEverythingEvenWithoutRoleOrBroker() {
        Caller root = Caller.root();
        assertEquals(Role.ROOT, roleIn(root, "any-project"));
        for (Scope scope : Scope.values()) {
            assertTrue(AccessPolicy.permits(root, null, Role.ROOT, scope, null), scope.toString());
        }
    }

    @Test
    void platformActionsAreRootOnlyEvenForTokensClaimingRoot() {
        Caller rootRoleToken = token(PROJECT, Role.ROOT, TokenType.UNRESTRICTED, Set.of());
        assertFalse(AccessPolicy.permits(rootRoleToken, Role.ROOT, Role.ROOT, Scope.PLATFORM, null));
    }

    /** What ProjectRoles answers for root and tokens (people need the database). */
    private static Role roleIn(Caller caller, String projectId) {
        if (caller.isRoot()) {
            return Role.ROOT;
        }
        return caller.projectId().equals(projectId) ? caller.role() : null;
    }

    @Test
    void everyTokenMayRotateItselfButNoOtherTokenBelowAdmin() {
        for (Principal principal : List.of(Principal.VIEWER, Principal.EDITOR, Principal.RESTRICTED_VIEWER,
                Principal.RESTRICTED_ADMIN)) {
            Caller caller = principal.caller();
            Role role = roleIn(caller, PROJECT);
            assertTrue(AccessPolicy.permits(caller, role, Role.ADMIN, Scope.OWN_TOKEN, null, caller.credentialId()),
                    principal + " rotates itself");
            assertFalse(AccessPolicy.permits(caller, role, Role.ADMIN, Scope.OWN_TOKEN, null, "another-token"),
                    principal + " rotates another token");
            assertFalse(AccessPolicy.permits(caller, role, Role.ADMIN, Scope.PROJECT, null, caller.credentialId()),
                    principal + " suspends itself");
        }
        Caller elsewhere = Principal.OTHER_PROJECT_ADMIN.caller();
        assertFalse(AccessPolicy.permits(elsewhere, null, Role.ADMIN, Scope.OWN_TOKEN, null, elsewhere.credentialId()),
                "not through another project's path");
    }

    @Test
    void aPreviousSecretMayDoWhatItsRoleAllowsButWriteNoCredential() {
        Caller current = Principal.ADMIN.caller();
        Caller previous = new ActiveToken(current.credentialId(), PROJECT, current.name(), Role.ADMIN,
                TokenType.UNRESTRICTED, Set.of(), Long.MAX_VALUE, new AtomicLong(ActiveToken.NEVER), false,
                1_795_000_000_000L, io.tollgate.net.CidrList.EMPTY).caller();
        assertTrue(previous.previousSecret());
        assertFalse(current.previousSecret());
        assertFalse(AccessPolicy.mayWriteCredentials(previous));
        assertTrue(AccessPolicy.mayWriteCredentials(current));
        for (Principal principal : Principal.values()) {
            assertTrue(AccessPolicy.mayWriteCredentials(principal.caller()), principal.toString());
        }
        for (Action action : Action.values()) {
            assertEquals(permits(current, action, OWN_BROKER), permits(previous, action, OWN_BROKER),
                    action + ": the role table is the same; only writing credentials is refused, before it");
        }
    }
}
