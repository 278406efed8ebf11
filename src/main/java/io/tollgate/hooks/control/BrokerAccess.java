package io.tollgate.hooks.control;

import io.tollgate.access.entity.Refusal;
import io.tollgate.access.entity.Resolution;
import io.tollgate.hooks.entity.Check;
import io.tollgate.hooks.entity.ClientIp;
import io.tollgate.hooks.entity.Denial;
import io.tollgate.hooks.entity.HookedBroker;
import io.tollgate.hooks.entity.Verdict;
import io.tollgate.metrics.control.Meters;
import io.tollgate.time.Now;
import io.tollgate.tokens.boundary.ActiveTokens;
import io.tollgate.tokens.control.TokenSecrets;
import io.tollgate.tokens.entity.ActiveToken;
import io.tollgate.usage.boundary.UsageWriter;
import io.tollgate.usage.entity.TokenUse;
import io.tollgate.usage.entity.UseOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one access decision every broker contract asks (spec section 9), with its side effects: tokens
 * looked up through the request path's cache (by the password's hash at a connect, by id, the
 * username, at every other check), the rules of {@link AccessRules} applied at the server's clock,
 * every connect attempt naming a token of the broker's project written to that token's usage log
 * (method {@code MQTT}, path {@code /mqtt/<brokerId>/connect}: never the key) and a successful one
 * counted as its last use, and every check counted in {@code tollgate_mqtt_checks} by contract, action
 * and outcome. Nothing is logged line by line.
 * <p>
 * Every allowed connect remembers which secret its client presented ({@link ClientSecrets}: in the
 * database, shared by the nodes, cached on each), so that the client's publish and subscribe checks,
 * which name the token only, judge the token as that secret presents it, on whichever node they reach:
 * {@code rotated} once a previous secret's grace is over, or once a rotation after the connect ended the
 * secret it holds; a later connect of the same client with the current secret replaces it. A connect
 * this node already knows (the same client, token and secret as its cached entry) writes nothing; a
 * check whose client the cache holds (or knows to have no row) reads nothing.
 */
@ApplicationScoped
public class BrokerAccess {

    public static final String USAGE_METHOD = "MQTT";
    /** Token ids are UUIDs: a longer username names no token and is not looked up. */
    static final int TOKEN_ID_LENGTH = 36;

    @Inject
    ActiveTokens tokens;

    @Inject
    UsageWriter usage;

    @Inject
    Meters meters;

    @Inject
    Now clock;

    /** The rows of {@link ClientSecrets}: the hooks' boundary {@code ClientRows}. */
    @Inject
    ClientSecrets.Store clientRows;

    @Inject
    @ConfigProperty(name = "tollgate.mqtt.remembered-clients", defaultValue = "10000")
    int clientSecretsSize;

    private ClientSecrets clientSecrets;

    private final Map<String, Meters.Counter> counters = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        clientSecrets = new ClientSecrets(clientSecretsSize, tokens.cache(), clientRows);
    }

    /** A connect with a password, where the contract reports the client address with it (or never does). */
    public Verdict connect(String contract, HookedBroker broker, String username, String password, String clientId,
                           ClientIp ip) {
        long now = clock.millis();
        String hash = hashOf(password);
        Verdict verdict = bySecret(broker, username, hash, password, ip, now);
        remember(broker, clientId, hash, verdict, now);
        record(broker, username, clientId, ip, verdict, now);
        count(contract, Check.CONNECT, verdict);
        return verdict;
    }

    /**
     * The password half of a connect whose client address comes with a later check ({@link #admit}):
     * only a refusal is recorded here, the attempt's outcome is recorded there.
     */
    public Verdict authenticate(String contract, HookedBroker broker, String username, String password,
                                String clientId) {
        long now = clock.millis();
        String hash = hashOf(password);
        Verdict verdict = bySecret(broker, username, hash, password, ClientIp.CHECKED_ELSEWHERE, now);
        remember(broker, clientId, hash, verdict, now);
        if (!verdict.allowed()) {
            record(broker, username, clientId, ClientIp.CHECKED_ELSEWHERE, verdict, now);
        }
        count(contract, Check.CONNECT, verdict);
        return verdict;
    }

    /** The address half of a connect ({@link #authenticate}): the token named by id, from this address; recorded. */
    public Verdict admit(String contract, HookedBroker broker, String username, String clientId, ClientIp ip) {
        long now = clock.millis();
        Verdict verdict = AccessRules.standing(byId(username), broker, ip, now);
        record(broker, username, clientId, ip, verdict, now);
        return verdict;
    }

    /** Whether the token named by id may still use the broker at all (a check about the broker's own plumbing). */
    public Verdict standing(HookedBroker broker, String username, ClientIp ip) {
        return AccessRules.standing(byId(username), broker, ip, clock.millis());
    }

    /**
     * A publish ({@code qos}, {@code retain} given), subscription or delivery of {@code topic} by the
     * token named {@code username}, as the secret its client connected with presents it (a previous
     * secret whose grace is over: {@code rotated}); counted, not recorded.
     */
    public Verdict topic(String contract, HookedBroker broker, Check check, String username, String clientId,
                         String topic, Integer qos, Boolean retain, ClientIp ip) {
        long now = clock.millis();
        ActiveToken token = byId(username);
        if (token != null) {
            ClientSecrets.Secret held = clientSecrets.secret(broker.brokerId(), clientId, token.id());
            if (held != null) {
                token = presentedBy(held, token, now);
            }
        }
        Verdict verdict = AccessRules.topic(token, token == null ? null : token.mqttRules(), broker, ip, check, topic,
                qos, retain, clientId, username, now);
        count(contract, check, verdict);
        return verdict;
    }

    /** The hash of a password worth a lookup, else null. */
    private static String hashOf(String password) {
        return password != null && TokenSecrets.isWellFormed(password) ? TokenSecrets.hash(password) : null;
    }

    private Verdict bySecret(HookedBroker broker, String username, String hash, String password, ClientIp ip, long now) {
        if (hash == null) {
            return Verdict.deny(Denial.INVALID, null);
        }
        ActiveToken token = tokens.byHash(hash);
        Denial missing = Denial.INVALID;
        if (token == null) {
            // a deleted token's secret says so, to the one who names that very token (as the API's 401 does)
            Resolution resolution = tokens.resolve(password, hash, now);
            if (resolution instanceof Refusal refusal && refusal.reason() == Refusal.Reason.REVOKED
                    && username.equals(refusal.tokenId())) {
                missing = Denial.REVOKED;
            }
        }
        return AccessRules.connect(token, missing, broker, username, ip, now);
    }

    /** Which secret an allowed connect's client holds, current or previous. */
    private void remember(HookedBroker broker, String clientId, String hash, Verdict verdict, long now) {
        if (verdict.allowed()) {
            Long ends = verdict.token().secretEnds();
            clientSecrets.connected(broker.brokerId(), clientId, verdict.token().id(), hash,
                    ends == null ? Long.MAX_VALUE : ends, now);
        }
    }

    /**
     * The token as the secret a client holds presents it, through the token cache by that secret's hash:
     * still current, or in a grace as it stands now (a rotation after the connect ends it). A secret no
     * longer known (its record forgotten long after its end) has ended.
     */
    private ActiveToken presentedBy(ClientSecrets.Secret held, ActiveToken byId, long now) {
        ActiveToken presented = tokens.byHash(held.hash());
        if (presented != null && presented.id().equals(byId.id())) {
            return presented; // still the current secret, or a previous one in its grace as it stands now
        }
        return byId.presentedUntil(Math.min(held.ends(), now));
    }

    private ActiveToken byId(String username) {
        return username.length() == TOKEN_ID_LENGTH ? tokens.byId(username) : null;
    }

    /** A connect attempt into the usage log of the token the username names, if it is one of the broker's project. */
    private void record(HookedBroker broker, String username, String clientId, ClientIp ip, Verdict verdict, long now) {
        ActiveToken token = verdict.token();
        if (token == null && verdict.denial() == Denial.INVALID) {
            ActiveToken named = byId(username);
            token = named != null && named.projectId().equals(broker.projectId()) ? named : null;
        }
        if (token == null) {
            return; // no token of this project: nobody's log; a revoked token's log went with it
        }
        UseOutcome outcome = outcomeOf(verdict.denial());
        int status = verdict.allowed() ? 200 : outcome == UseOutcome.FORBIDDEN || outcome == UseOutcome.IP_NOT_ALLOWED ? 403 : 401;
        usage.record(new TokenUse(token.id(), now, outcome, status, USAGE_METHOD,
                "/mqtt/" + broker.brokerId() + "/connect", ip.text(), clientId));
        if (verdict.allowed()) {
            tokens.recordUse(token.id(), now, ip.text());
        }
    }

    static UseOutcome outcomeOf(Denial denial) {
        if (denial == null) {
            return UseOutcome.OK;
        }
        return switch (denial) {
            case EXPIRED -> UseOutcome.EXPIRED;
            case SUSPENDED -> UseOutcome.SUSPENDED;
            case ROTATED -> UseOutcome.ROTATED;
            case BROKER_NOT_ALLOWED, TOPIC_NOT_ALLOWED -> UseOutcome.FORBIDDEN;
            case IP_NOT_ALLOWED -> UseOutcome.IP_NOT_ALLOWED;
            case INVALID, REVOKED -> UseOutcome.INVALID;
        };
    }

    private void count(String contract, Check check, Verdict verdict) {
        String outcome = verdict.allowed() ? "allow" : "deny";
        counters.computeIfAbsent(contract + ' ' + check.id() + ' ' + outcome, key -> meters.counter("tollgate_mqtt_checks",
                "Checks MQTT brokers asked of Tollgate (spec section 9), by contract, action and outcome",
                "contract", contract, "action", check.id(), "outcome", outcome)).inc();
    }
}
