package io.tollgate.storage.boundary;

import jakarta.annotation.sql.DataSourceDefinition;

/**
 * The application's data source. Embedded H2 in a file under {@code tollgate.data-dir} unless
 * {@code tollgate.db.url} says otherwise.
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "org.h2.jdbcx.JdbcDataSource",
        url = "${MPCONFIG=tollgate.db.url}",
        user = "sa",
        password = "",
        minPoolSize = 1,
        maxPoolSize = 8)
public final class Database {

    public static final String JNDI_NAME = "java:app/jdbc/tollgate";

    private Database() {
    }
}
