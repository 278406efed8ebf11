package io.tollgate.storage.boundary;

/**
 * The application's data source: embedded H2 in a file under {@code tollgate.data-dir}, or the
 * database {@code tollgate.db.url} names (the driver class follows the URL, see
 * {@code DatabaseConfigSource}), both read by {@code storage.control.ConfiguredDataSource} from
 * MicroProfile Config when the pool opens its first connection. The definition itself (class, pool
 * size, Payara's validation settings) is in {@code WEB-INF/web.xml}, where the pool size has to be
 * anyway (an annotation attribute is a constant), read alike by Payara and WildFly.
 */
public final class Database {

    public static final String JNDI_NAME = "java:app/jdbc/tollgate";

    private Database() {
    }
}
