package io.tollgate.brokers.boundary;

import io.tollgate.brokers.entity.Broker;
import io.tollgate.brokers.entity.BrokerUrl;
import io.tollgate.brokers.entity.BrokerUrlValue;
import io.tollgate.requests.control.Text;
import io.tollgate.requests.control.TextValidator;
import jakarta.validation.constraints.NotNull;

/** The body of a broker create or update; {@code name} is normalised, {@code url} checked by {@link BrokerUrl}. */
public record BrokerRequest(
        @NotNull(message = "is required") @Text(max = Broker.MAX_NAME) String name,
        @NotNull(message = "is required") @BrokerUrlValue String url) {

    public BrokerRequest {
        name = TextValidator.normalize(name);
    }

    /** Only on a request that passed validation. */
    public BrokerUrl brokerUrl() {
        return BrokerUrl.parse(url);
    }
}
