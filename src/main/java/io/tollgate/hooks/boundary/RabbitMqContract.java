package io.tollgate.hooks.boundary;

import io.tollgate.hooks.control.BrokerAccess;
import io.tollgate.hooks.entity.Check;
import io.tollgate.hooks.entity.ClientIp;
import io.tollgate.hooks.entity.HookedBroker;
import io.tollgate.hooks.entity.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * RabbitMQ 3.x's {@code rabbitmq_auth_backend_http} as its MQTT plugin uses it: form-encoded POSTs
 * ({@code auth_http.http_method = post}), answered 200 {@code text/plain} {@code allow} or {@code deny}.
 * <ul>
 * <li>{@code user}: the password is checked; the client address comes with {@code vhost} ({@code ip}),
 * which is where the allow-list is checked and the connect attempt recorded (a refusal at {@code user}
 * is recorded there and then).</li>
 * <li>{@code resource}: only the MQTT plugin's own plumbing, exchange {@code amq.topic} and the
 * {@code mqtt-subscription-…} queues, to a token that may still use the broker.</li>
 * <li>{@code topic}: on {@code amq.topic}, permission {@code write} is a publish, {@code read} a
 * subscription; the routing key is the MQTT topic with {@code .} for {@code /} and {@code *} for
 * {@code +} ({@link #topicOf}). RabbitMQ reports no QoS or retain flag: a publish is allowed only if
 * every QoS and retain flag would be.</li>
 * </ul>
 */
@ApplicationScoped
public class RabbitMqContract implements Contract {

    static final String NAME = "rabbitmq";
    static final String EXCHANGE = "amq.topic";
    static final String SUBSCRIPTION_QUEUES = "mqtt-subscription-";
    private static final HookReply ALLOW = HookReply.text("allow");
    private static final HookReply DENY = HookReply.text("deny");

    @Inject
    BrokerAccess access;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> endpoints() {
        return List.of("user", "vhost", "resource", "topic");
    }

    @Override
    public BodyFormat format() {
        return BodyFormat.FORM;
    }

    @Override
    public HookReply answer(String endpoint, HookBody body, HookedBroker broker) {
        Verdict verdict = switch (endpoint) {
            case "user" -> access.authenticate(NAME, broker, body.string("username"), body.string("password"),
                    clientId(body));
            case "vhost" -> {
                String username = body.string("username");
                body.string("vhost");
                yield access.admit(NAME, broker, username, clientId(body), ClientIp.of(body.string("ip")));
            }
            case "resource" -> resource(body, broker);
            default -> topic(body, broker);
        };
        return verdict != null && verdict.allowed() ? ALLOW : DENY;
    }

    private Verdict resource(HookBody body, HookedBroker broker) {
        String username = body.string("username");
        body.string("vhost");
        String resource = body.oneOf("resource", "exchange", "queue", "topic");
        String name = body.string("name");
        body.oneOf("permission", "configure", "write", "read");
        boolean plumbing = resource.equals("exchange") ? name.equals(EXCHANGE)
                : resource.equals("queue") && name.startsWith(SUBSCRIPTION_QUEUES);
        return plumbing ? access.standing(broker, username, ClientIp.CHECKED_ELSEWHERE) : null;
    }

    private Verdict topic(HookBody body, HookedBroker broker) {
        String username = body.string("username");
        body.string("vhost");
        body.oneOf("resource", "topic");
        String exchange = body.string("name");
        Check check = body.oneOf("permission", "write", "read").equals("write") ? Check.PUBLISH : Check.SUBSCRIBE;
        String routingKey = body.string("routing_key");
        if (!exchange.equals(EXCHANGE)) {
            return null;
        }
        return access.topic(NAME, broker, check, username, clientId(body), topicOf(routingKey), null, null,
                ClientIp.CHECKED_ELSEWHERE);
    }

    /** The MQTT client id where RabbitMQ passes it (its {@code variable_map}), else null. */
    private static String clientId(HookBody body) {
        String id = body.optionalString("client_id");
        return id != null ? id : body.optionalString("variable_map.client_id");
    }

    /** The MQTT topic (or filter) of an AMQP routing key: {@code .} and {@code /} swapped back, {@code *} is {@code +}. */
    static String topicOf(String routingKey) {
        StringBuilder topic = new StringBuilder(routingKey.length());
        for (int i = 0; i < routingKey.length(); i++) {
            char c = routingKey.charAt(i);
            topic.append(switch (c) {
                case '.' -> '/';
                case '/' -> '.';
                case '*' -> '+';
                default -> c;
            });
        }
        return topic.toString();
    }
}
