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
import java.util.List;

/**
 * mosquitto-go-auth's HTTP backend (how Mosquitto, Cedalo's broker included, asks), in its default
 * JSON params mode: strings, and {@code acc} an integer (1 read, i.e. a delivery; 2 publish; 3 read
 * and publish; 4 subscribe). An allow is 200 {@code {"ok":true,"error":""}}, a deny 403
 * {@code {"ok":false,"error":"<reason>"}}: right in go-auth's {@code status} and {@code json} response
 * modes alike. go-auth reports no client address, so a token with an IP allow-list is denied; nor a
 * publish's QoS or retain flag, so a publish is allowed only if every QoS and retain flag would be.
 * Its superuser check, if configured, is always denied: no token is a superuser.
 */
@ApplicationScoped
public class GoAuthContract implements Contract {

    static final String NAME = "go-auth";

    @Inject
    BrokerAccess access;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> endpoints() {
        return List.of("user", "acl", "superuser");
    }

    @Override
    public BodyFormat format() {
        return BodyFormat.JSON;
    }

    @Override
    public HookReply answer(String endpoint, HookBody body, HookedBroker broker) {
        return switch (endpoint) {
            case "user" -> reply(access.connect(NAME, broker, body.string("username"), body.string("password"),
                    body.string("clientid"), ClientIp.UNREPORTED));
            case "acl" -> acl(body, broker);
            default -> {
                body.string("username");
                yield deny("superuser_not_allowed");
            }
        };
    }

    private HookReply acl(HookBody body, HookedBroker broker) {
        String username = body.string("username");
        String clientId = body.string("clientid");
        String topic = body.string("topic");
        int acc = body.integer("acc");
        Verdict verdict = switch (acc) {
            case 1 -> check(broker, Check.READ, username, clientId, topic);
            case 2 -> check(broker, Check.PUBLISH, username, clientId, topic);
            case 3 -> {
                Verdict read = check(broker, Check.READ, username, clientId, topic);
                yield read.allowed() ? check(broker, Check.PUBLISH, username, clientId, topic) : read;
            }
            case 4 -> check(broker, Check.SUBSCRIBE, username, clientId, topic);
            default -> throw new InvalidField("acc", "acc must be 1 (read), 2 (publish), 3 (both) or 4 (subscribe)");
        };
        return reply(verdict);
    }

    private Verdict check(HookedBroker broker, Check check, String username, String clientId, String topic) {
        return access.topic(NAME, broker, check, username, clientId, topic, null, null, ClientIp.UNREPORTED);
    }

    private static HookReply reply(Verdict verdict) {
        return verdict.allowed()
                ? HookReply.json(200, JsonBuilders.object().add("ok", true).add("error", "").build())
                : deny(verdict.denial().id());
    }

    private static HookReply deny(String reason) {
        return HookReply.json(403, JsonBuilders.object().add("ok", false).add("error", reason).build());
    }
}
