package io.tollgate.usage.entity;

import io.tollgate.json.JsonBuilders;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * One request that presented a token's secret, as the usage log keeps it (spec section 7).
 *
 * @param at        when the request was answered, epoch ms
 * @param status    the response's final status
 * @param method    the request's method, cut to {@link #MAX_METHOD} characters (a server may pass on any token)
 * @param path      the request path without its query string
 * @param ip        the client address, or null if unknown
 * @param userAgent the {@code User-Agent} cut to {@link #MAX_USER_AGENT} characters, or null
 */
public record TokenUse(String tokenId, long at, UseOutcome outcome, int status, String method, String path,
                       String ip, String userAgent) {

    public static final int MAX_USER_AGENT = 200;
    /** The usage log's method column was this wide before chunks; HTTP's own methods are far shorter. */
    public static final int MAX_METHOD = 16;
    public static final int MAX_PATH = 2048;
    public static final int MAX_IP = 64;

    public TokenUse {
        method = cut(method, MAX_METHOD);
        path = cut(path, MAX_PATH);
        ip = cut(ip, MAX_IP);
        userAgent = cut(userAgent, MAX_USER_AGENT);
    }

    /** The first {@code max} characters (never half a surrogate pair), null stays null. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("at", at)
                .add("outcome", outcome.id())
                .add("status", status)
                .add("method", method)
                .add("path", path);
        if (ip == null) {
            json.addNull("ip");
        } else {
            json.add("ip", ip);
        }
        if (userAgent == null) {
            json.addNull("user_agent");
        } else {
            json.add("user_agent", userAgent);
        }
        return json.build();
    }
}
