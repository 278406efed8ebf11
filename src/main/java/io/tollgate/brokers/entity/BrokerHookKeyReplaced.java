package io.tollgate.brokers.entity;

/**
 * Fired inside the transaction that gave a broker a new hook key (spec section 9); observers (the
 * lookup caches, on every node of a cluster) drop what they hold once it commits, so that the old key
 * names nothing any more.
 */
public record BrokerHookKeyReplaced(String projectId, String brokerId) {
}
