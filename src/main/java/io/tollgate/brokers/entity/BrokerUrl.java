package io.tollgate.brokers.entity;

import io.tollgate.errors.InvalidField;
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
        int length = value.codePointCount(0, value.length());
        if (length == 0 || length > MAX_LENGTH) {
            throw new InvalidField(FIELD, "url must be 1 to " + MAX_LENGTH + " characters long");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String authority = uri.getRawAuthority();
        if (!SCHEMES.contains(scheme) || authority == null || uri.getRawFragment() != null) {
            throw invalid();
        }
        if (authority.contains("@")) {
            throw new InvalidField(FIELD, "url must not carry credentials");
        }
        checkHostAndPort(authority);
        return new BrokerUrl(value);
    }

    /** Host names as Docker and DNS use them (underscores included), IPv6 literals, optional port. */
    private static void checkHostAndPort(String authority) {
        String host = authority;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid();
            }
            host = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid();
                }
                port = rest.substring(1);
            }
        } else if (authority.contains(":")) {
            host = authority.substring(0, authority.lastIndexOf(':'));
            port = authority.substring(authority.lastIndexOf(':') + 1);
        }
        if (host.isEmpty() || host.contains(":") && !host.startsWith("[")) {
            throw invalid();
        }
        if (port != null && !validPort(port)) {
            throw new InvalidField(FIELD, "url port must be 1 to 65535");
        }
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }

    private static InvalidField invalid() {
        return new InvalidField(FIELD,
                "url must look like mqtt://host:1883, mqtts://host:8883, ws://host/path or wss://host/path");
    }
}
