package io.tollgate.hooks.boundary;

import io.tollgate.hooks.entity.HookedBroker;
import java.util.List;

/**
 * One broker's auth-hook contract, served under {@code /mqtt/{hookKey}/{name}/{endpoint}}: a thin
 * adapter that reads the broker's request, asks {@code control.BrokerAccess}, and words the answer as
 * the broker expects. Every CDI bean implementing it is served and listed in the hook-key answer's
 * {@code hook_urls} (see the package description for adding a broker).
 */
public interface Contract {

    /** The path segment under the key, also the {@code contract} tag of the checks' metric ({@code emqx}). */
    String name();

    /** Its endpoints, in the order {@code hook_urls} lists them ({@code authn}). */
    List<String> endpoints();

    /** How its requests are encoded. */
    BodyFormat format();

    /** The answer to a request to one of {@link #endpoints()} for {@code broker}; {@code body} read as {@link #format()}. */
    HookReply answer(String endpoint, HookBody body, HookedBroker broker);

    /** The key of an endpoint's URL in {@code hook_urls}: {@code go_auth_user} for {@code go-auth/user}. */
    static String urlKey(Contract contract, String endpoint) {
        return (contract.name() + "_" + endpoint).replace('-', '_');
    }
}
