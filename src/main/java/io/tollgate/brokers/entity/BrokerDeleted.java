package io.tollgate.brokers.entity;

/**
 * Fired inside the transaction that deletes a broker; observers (the token cache: restricted tokens
 * listing it) act once it commits.
 */
public record BrokerDeleted(String projectId, String brokerId) {
}
