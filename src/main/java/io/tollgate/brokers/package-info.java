/**
 * Broker connections of a project. Decisions:
 * <ul>
 * <li>URLs are mqtt, mqtts, ws or wss with a host, never with credentials (every viewer reads them).</li>
 * <li>A delete removes the broker from every token by a cascading foreign key and fires
 * {@code BrokerDeleted}, which {@code tokens} observes to drop cached lookups.</li>
 * <li>Names need not be unique.</li>
 * </ul>
 */
package io.tollgate.brokers;
