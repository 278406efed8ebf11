package io.tollgate.access.control;

import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Role;
import io.tollgate.access.entity.Scope;

/**
 * The role table of the contract (spec section 2) as one decision: may this caller, holding
 * {@code role} in the request's project, do an action needing {@code minimum} within {@code scope}?
 * A principal of another project gets the same answer whether or not the project exists.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /**
     * Whether the caller may take an action that writes credentials (an {@code @Allow} with
     * {@code writesCredentials}): not with a previous secret, which only keeps working until its grace
     * ends (spec section 6). Asked before the role table, whatever the caller's role.
     */
    public static boolean mayWriteCredentials(Caller caller) {
        return !caller.previousSecret();
    }

    /**
     * @param roleInProject the caller's role in the path's project, or null if it has none there
     * @param brokerId      the broker in the path, or null
     */
    public static boolean permits(Caller caller, Role roleInProject, Role minimum, Scope scope, String brokerId) {
        return permits(caller, roleInProject, minimum, scope, brokerId, null);
    }

    /**
     * @param tokenId the token in the path, or null: for {@link Scope#OWN_TOKEN}, a token acting on
     *                itself (in its own project) is permitted whatever its role
     */
    public static boolean permits(Caller caller, Role roleInProject, Role minimum, Scope scope, String brokerId,
                                  String tokenId) {
        if (caller.isRoot()) {
            return true;
        }
        if (scope == Scope.OWN_TOKEN && roleInProject != null && caller.kind() == Caller.Kind.TOKEN
                && tokenId != null && tokenId.equals(caller.credentialId())) {
            return true;
        }
        switch (scope) {
            case PLATFORM:
                return false;
            case ANY:
                return true;
            default:
                break;
        }
        if (roleInProject == null || !roleInProject.atLeast(minimum)) {
            return false;
        }
        if (!caller.isRestricted()) {
            return true;
        }
        return switch (scope) {
            case PROJECT_READ, BROKERS -> true;
            case BROKER -> brokerId != null && caller.brokers().contains(brokerId);
            default -> false;
        };
    }
}
