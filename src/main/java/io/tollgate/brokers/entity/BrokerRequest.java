package io.tollgate.brokers.entity;

import io.tollgate.requests.control.JsonFields;
import io.tollgate.requests.control.Text;
import io.tollgate.requests.control.TextValidator;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import java.util.Set;

/** The body of a broker create or update; {@code name} is normalised, {@code url} checked by {@link BrokerUrl}. */
public record BrokerRequest(
        @NotNull(message = "is required") @Text(max = Broker.MAX_NAME) String name,
        @NotNull(message = "is required") @BrokerUrlValue String url) {

    private static final Set<String> FIELDS = Set.of("name", "url");

    public BrokerRequest {
        name = TextValidator.normalize(name);
    }

    public static BrokerRequest from(JsonObject body) {
        JsonFields fields = JsonFields.of(body, FIELDS);
        return new BrokerRequest(fields.optionalString("name"), fields.optionalString("url"));
    }

    /** Only on a request that passed validation. */
    public BrokerUrl brokerUrl() {
        return BrokerUrl.parse(url);
    }
}
