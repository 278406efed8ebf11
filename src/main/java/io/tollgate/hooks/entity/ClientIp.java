package io.tollgate.hooks.entity;

import io.tollgate.net.IpAddress;

/**
 * The client address as a hook request reports it, for the token's IP allow-list: an address; none,
 * where the contract never reports one (a token with an allow-list is then denied: never allowed
 * blind); or checked by another request of the same contract (RabbitMQ reports it on its vhost check
 * only, so its other checks leave the list to that one).
 *
 * @param text             the reported address as sent (for the usage log), or null
 * @param address          the same parsed, or null when none was reported or it is no IP literal
 * @param checkedElsewhere whether this request leaves the allow-list to another check
 */
public record ClientIp(String text, IpAddress address, boolean checkedElsewhere) {

    public static final ClientIp UNREPORTED = new ClientIp(null, null, false);
    public static final ClientIp CHECKED_ELSEWHERE = new ClientIp(null, null, true);

    /** The address a request reported; null or empty is {@link #UNREPORTED}, text that is no address matches no list. */
    public static ClientIp of(String text) {
        if (text == null || text.isEmpty()) {
            return UNREPORTED;
        }
        IpAddress parsed = IpAddress.tryParse(text);
        return new ClientIp(parsed == null ? text : parsed.toString(), parsed, false);
    }
}
