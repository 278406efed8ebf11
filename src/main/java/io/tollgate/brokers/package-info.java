/**
 * Broker connections of a project. URLs must be mqtt, mqtts, ws or wss with a host and may not carry
 * credentials (they would be shown to every viewer). Deleting a broker removes it from every token's
 * {@code brokers} by a cascading foreign key; a restricted token left with no brokers can still read
 * its project but act on no broker. A delete fires {@code BrokerDeleted} in its transaction; the
tokens feature observes it (after commit) to drop cached token lookups. Broker names need not be unique.
 */
package io.tollgate.brokers;
