package io.tollgate.access.control;

import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Refusal;
import io.tollgate.access.entity.Resolution;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a presented bearer credential into a {@link Caller}, hashing it once: each
 * {@link CredentialResolver} in priority order (root by its hash, then well-formed {@code tg_} tokens
 * by an indexed and cached hash lookup, then JWTs), the first that names a caller wins. Anything no
 * kind recognises is refused without a database query. The resolvers are collected once, at start.
 */
@ApplicationScoped
public class CallerResolver {

    @Inject
    @Any
    Instance<CredentialResolver> found;

    List<CredentialResolver> resolvers;

    @PostConstruct
    void collect() {
        resolvers = inPriorityOrder(found.stream().toList());
    }

    static List<CredentialResolver> inPriorityOrder(List<CredentialResolver> kinds) {
        return kinds.stream().sorted(Comparator.comparingInt(CredentialResolver::priority)).toList();
    }

    /**
     * How many kinds of credential are known. Asked at start ({@code start.boundary.StartSequence}): the
     * resolvers are collected, and so created, with the application rather than on the first request
     * (a bad root token or JWT key configuration then stops the deployment).
     */
    public int kinds() {
        return resolvers.size();
    }

    /** The caller a bearer credential names, or null if it names none (or no longer a valid one). */
    public Caller resolve(String credential, long now) {
        return authenticate(credential, now) instanceof Caller caller ? caller : null;
    }

    /**
     * The caller a bearer credential names, or why it was refused: the first kind that answers
     * decides; a credential no kind answers for is {@link Refusal#invalid()}.
     */
    public Resolution authenticate(String credential, long now) {
        String hash = CredentialHash.of(credential);
        for (CredentialResolver resolver : resolvers) {
            Resolution resolution = resolver.resolve(credential, hash, now);
            if (resolution != null) {
                return resolution;
            }
        }
        return Refusal.invalid();
    }
}
