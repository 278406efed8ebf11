package io.tollgate.hooks.boundary;

import jakarta.json.JsonObject;

/** A hook's answer to a broker: status, content type, body. */
public record HookReply(int status, String contentType, String body) {

    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    public static HookReply json(int status, JsonObject body) {
        return new HookReply(status, JSON, body.toString());
    }

    public static HookReply text(String body) {
        return new HookReply(200, TEXT, body);
    }
}
