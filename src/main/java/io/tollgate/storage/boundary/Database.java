package io.tollgate.storage.boundary;

import jakarta.annotation.sql.DataSourceDefinition;

/**
 * The application's data source: embedded H2 in a file under {@code tollgate.data-dir}, or the
 * database {@code tollgate.db.url} names (the driver class follows the URL, see
 * {@code DatabaseConfigSource}). The {@code ${MPCONFIG=…}} values are expanded by Payara at
 * deployment; the {@code fish.payara.*} properties (ignored elsewhere) make the pool validate
 * connections so that it recovers by itself after a database outage.
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "${MPCONFIG=tollgate.db.datasource-class}",
        url = "${MPCONFIG=tollgate.db.url}",
        user = "${MPCONFIG=tollgate.db.user:sa}",
        password = "${MPCONFIG=tollgate.db.password:}",
        initialPoolSize = 1,
        minPoolSize = 1,
        maxPoolSize = 8,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=auto-commit",
            "fish.payara.fail-all-connections=true",
            "fish.payara.max-wait-time-in-millis=5000"
        })
public final class Database {

    public static final String JNDI_NAME = "java:app/jdbc/tollgate";

    private Database() {
    }
}
