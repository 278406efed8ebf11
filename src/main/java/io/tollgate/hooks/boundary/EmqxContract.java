package io.tollgate.hooks.boundary;

import io.tollgate.errors.InvalidField;
import io.tollgate.hooks.control.BrokerAccess;
import io.tollgate.hooks.entity.Check;
import io.tollgate.hooks.entity.ClientIp;
import io.tollgate.hooks.entity.HookedBroker;
import io.tollgate.hooks.entity.Verdict;
import io.tollgate.json.JsonBuilders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * EMQX 5's HTTP authentication and authorization, with the request bodies docs/mqtt.md tells operators
 * to configure. EMQX renders every placeholder as a JSON string, {@code qos} and {@code retain}
 * included: each field is taken as a string only. Answers are always 200, {@code result} saying allow
 * or deny; a connect's allow carries the token's publish rules ({@link EmqxAcl}) and {@code expire_at},
 * the end of the presented secret in seconds, and is never a superuser.
 */
@ApplicationScoped
public class EmqxContract implements Contract {

    static final String NAME = "emqx";

    @Inject
    BrokerAccess access;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> endpoints() {
        return List.of("authn", "authz");
    }

    @Override
    public BodyFormat format() {
        return BodyFormat.JSON;
    }

    @Override
    public HookReply answer(String endpoint, HookBody body, HookedBroker broker) {
        return endpoint.equals("authn") ? authenticate(body, broker) : authorize(body, broker);
    }

    private HookReply authenticate(HookBody body, HookedBroker broker) {
        String username = body.string("username");
        String password = body.string("password");
        String clientId = body.string("clientid");
        ClientIp ip = ClientIp.of(body.optionalString("peerhost"));
        Verdict verdict = access.connect(NAME, broker, username, password, clientId, ip);
        if (!verdict.allowed()) {
            return result("deny");
        }
        JsonObjectBuilder allow = JsonBuilders.object().add("result", "allow").add("is_superuser", false);
        EmqxAcl.of(BrokerAccess.rulesOf(verdict.token()), clientId, username).ifPresent(acl -> allow.add("acl", acl));
        allow.add("expire_at", verdict.secretEnds() / 1000);
        return HookReply.json(200, allow.build());
    }

    private HookReply authorize(HookBody body, HookedBroker broker) {
        String username = body.string("username");
        String clientId = body.string("clientid");
        ClientIp ip = ClientIp.of(body.optionalString("peerhost"));
        Check check = body.oneOf("action", "publish", "subscribe").equals("publish") ? Check.PUBLISH : Check.SUBSCRIBE;
        String topic = body.string("topic");
        String qosText = check == Check.PUBLISH ? body.oneOf("qos", "0", "1", "2") : body.optionalString("qos");
        Integer qos = qos(qosText);
        Boolean retain = check == Check.PUBLISH ? Boolean.valueOf(body.oneOf("retain", "true", "false")) : null;
        if (check == Check.SUBSCRIBE && body.optionalString("retain") != null) {
            body.oneOf("retain", "true", "false"); // typed like a publish's, though a subscription has none
        }
        Verdict verdict = access.topic(NAME, broker, check, username, clientId, topic, qos, retain, ip);
        return result(verdict.allowed() ? "allow" : "deny");
    }

    private static Integer qos(String text) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "0" -> 0;
            case "1" -> 1;
            case "2" -> 2;
            default -> throw new InvalidField("qos", "qos must be one of 0, 1, 2");
        };
    }

    private static HookReply result(String result) {
        JsonObject body = JsonBuilders.object().add("result", result).build();
        return HookReply.json(200, body);
    }
}
