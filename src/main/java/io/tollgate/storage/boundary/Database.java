package io.tollgate.storage.boundary;

/**
 * The application's data source: embedded H2 in a file under {@code tollgate.data-dir}, or the
 * database {@code tollgate.db.url} names (the driver class follows the URL, see
 * {@code DatabaseConfigSource}), both read by {@code storage.control.ConfiguredDataSource} from
 * MicroProfile Config when the pool opens its first connection.
 * <p>
 * The code names it by a resource reference, {@code jdbc/tollgate} ({@link #JNDI_NAME}), which each
 * server maps to a pool that validates its connections (so that it heals after a database outage by
 * itself): on Payara, {@code WEB-INF/web.xml}'s data source {@code java:app/jdbc/tollgate} (with
 * Payara's validation settings and the pool size, which has to be there anyway: an annotation
 * attribute is a constant); on WildFly, which gives a pool the application defines no validation,
 * the data source {@code scripts/wildfly-setup.sh} puts in WildFly's own configuration
 * ({@code java:jboss/datasources/Tollgate}, mapped in {@code WEB-INF/jboss-web.xml}). The persistence
 * unit names the same two by an expression ({@code persistence.xml}): Payara's JPA deployer takes no
 * {@code java:comp/env} name. WildFly still deploys web.xml's definition, but nothing uses its pool.
 */
public final class Database {

    public static final String JNDI_NAME = "java:comp/env/jdbc/tollgate";

    private Database() {
    }
}
