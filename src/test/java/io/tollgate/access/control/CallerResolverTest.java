package io.tollgate.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tollgate.access.entity.Caller;
import io.tollgate.access.entity.Refusal;
import io.tollgate.access.entity.Resolution;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallerResolverTest {

    /** A credential kind that records what it was asked and answers {@code answer} for {@code accepted}. */
    record Kind(int priority, String accepted, Caller answer, List<String> asked) implements CredentialResolver {

        @Override
        public Caller resolve(String credential, String hash, long now) {
            asked.add(priority + ":" + hash);
            return credential.equals(accepted) ? answer : null;
        }
    }

    private static CallerResolver of(CredentialResolver... kinds) {
        CallerResolver resolver = new CallerResolver();
        resolver.resolvers = CallerResolver.inPriorityOrder(List.of(kinds));
        return resolver;
    }

    @Test
    void kindsAreAskedInPriorityOrderWithOneHashAndTheFirstCallerWins() {
        List<String> asked = new ArrayList<>();
        Caller person = Caller.user("ann", 1L);
        CallerResolver resolver = of(new Kind(CredentialResolver.JWTS, "x", person, asked),
                new Kind(CredentialResolver.ROOT, "x", Caller.root(), asked),
                new Kind(CredentialResolver.PROJECT_TOKENS, "other", null, asked));
        assertEquals(Caller.Kind.ROOT, resolver.resolve("x", 0).kind(), "root is asked before JWTs");
        assertEquals(List.of("100:" + CredentialHash.of("x")), asked, "nobody after the first answer");
    }

    @Test
    void credentialNoKindRecognisesNamesNobodyAfterAskingEachOnce() {
        List<String> asked = new ArrayList<>();
        CallerResolver resolver = of(new Kind(CredentialResolver.JWTS, "a", null, asked),
                new Kind(CredentialResolver.PROJECT_TOKENS, "b", null, asked),
                new Kind(CredentialResolver.ROOT, "c", null, asked));
        assertNull(resolver.resolve("d", 0));
        String hash = CredentialHash.of("d");
        assertEquals(List.of("100:" + hash, "200:" + hash, "300:" + hash), asked);
    }

    @Test
    void aRefusalStopsTheSearchAndACredentialNobodyAnswersIsRefusedAsInvalid() {
        List<String> asked = new ArrayList<>();
        Refusal suspended = new Refusal(Refusal.Reason.SUSPENDED, "t-1");
        CredentialResolver refusing = new CredentialResolver() {
            @Override
            public int priority() {
                return CredentialResolver.PROJECT_TOKENS;
            }

            @Override
            public Resolution resolve(String credential, String hash, long now) {
                asked.add("200");
                return credential.equals("s") ? suspended : null;
            }
        };
        CallerResolver resolver = of(refusing, new Kind(CredentialResolver.JWTS, "j", null, asked));
        assertEquals(suspended, resolver.authenticate("s", 0));
        assertEquals(List.of("200"), asked, "nobody after the refusal");
        assertNull(resolver.resolve("s", 0), "no caller");
        assertEquals(Refusal.invalid(), resolver.authenticate("other", 0));
    }
}
