package io.tollgate.brokers.entity;

import io.tollgate.problems.entity.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/** A broker address: {@code mqtt://}, {@code mqtts://}, {@code ws://} or {@code wss://}, with a host. */
public record BrokerUrl(String value) {

    public static final int MAX_LENGTH = 2048;
    private static final Set<String> SCHEMES = Set.of("mqtt", "mqtts", "ws", "wss");
    private static final String FIELD = "url";

    public static BrokerUrl parse(String text) {
        String value = text.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw ApiException.validation(FIELD, "url must be 1 to " + MAX_LENGTH + " characters long");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid();
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw ApiException.validation(FIELD, "url port must be 1 to 65535");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.validation(FIELD, "url must not carry credentials");
        }
        return new BrokerUrl(value);
    }

    private static ApiException invalid() {
        return ApiException.validation(FIELD,
                "url must look like mqtt://host:1883, mqtts://host:8883, ws://host/path or wss://host/path");
    }
}
