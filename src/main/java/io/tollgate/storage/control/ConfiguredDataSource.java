package io.tollgate.storage.control;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The class the application's data source definitions name: it reads the database settings from
 * MicroProfile Config itself and hands out the driver's connections (H2's or PostgreSQL's
 * {@code DataSource}, chosen by {@link DatabaseConfigSource} from the URL). The server's pool wraps
 * it and validates its connections: Payara's of {@code WEB-INF/web.xml}'s definition, WildFly's of the
 * one {@code scripts/wildfly-setup.sh} puts in WildFly's configuration, loading this class from a
 * module it copies it into. This replaces Payara-only {@code ${MPCONFIG=…}} values in the definition,
 * which another server (WildFly) reads literally, e.g. as a class name.
 */
public class ConfiguredDataSource implements DataSource {

    private volatile DataSource driver;
    private volatile String description = "Tollgate database";
    private volatile int loginTimeout;
    private volatile PrintWriter logWriter;

    /** A bean property the pool can set: WildFly's pool refuses a data source class with none. */
    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    /** The driver's connection. */
    @Override
    public Connection getConnection() throws SQLException {
        return driver().getConnection();
    }

    /** With no user (WildFly's pool asks so when the definition names none): the configured credentials. */
    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        if (user == null) {
            return getConnection();
        }
        return driver().getConnection(user, password);
    }

    private DataSource driver() throws SQLException {
        DataSource current = driver;
        if (current == null) {
            synchronized (this) {
                if (driver == null) {
                    driver = unpooled();
                }
                current = driver;
            }
        }
        return current;
    }

    /**
     * The driver's own data source for the configured settings, outside the server's pool: for a
     * connection when the pool may be gone (at JVM exit). Found through the class loader that loads
     * this class, which sees the driver on every server, where {@code DriverManager} and
     * {@code ServiceLoader} do not (WildFly's driver module registers no service for the WAR).
     */
    public static DataSource unpooled() throws SQLException {
        Config config = ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader());
        return create(key -> config.getOptionalValue(key, String.class).orElse(null));
    }

    /** The driver's data source for these settings (a key's value, or null), an H2 file's URL with {@link DurableCommits#url}; opens no connection. */
    static DataSource create(UnaryOperator<String> setting) throws SQLException {
        String configured = setting.apply(DatabaseConfigSource.URL);
        if (configured == null) {
            throw new SQLException("No database URL configured (" + DatabaseConfigSource.URL + ")");
        }
        String url = DurableCommits.url(configured);
        String className = Objects.requireNonNullElse(setting.apply(DatabaseConfigSource.DATA_SOURCE),
                DatabaseConfigSource.dataSourceFor(url));
        String user = Objects.requireNonNullElse(setting.apply("tollgate.db.user"), "sa");
        String password = Objects.requireNonNullElse(setting.apply("tollgate.db.password"), "");
        try {
            Class<?> type = Class.forName(className, true, ConfiguredDataSource.class.getClassLoader());
            DataSource dataSource = (DataSource) type.getConstructor().newInstance();
            // both drivers' data sources (org.h2.jdbcx.JdbcDataSource, org.postgresql.ds.PGSimpleDataSource) have these
            type.getMethod("setURL", String.class).invoke(dataSource, url);
            type.getMethod("setUser", String.class).invoke(dataSource, user);
            type.getMethod("setPassword", String.class).invoke(dataSource, password);
            return dataSource;
        } catch (InvocationTargetException e) {
            // the message only: a driver's exception could carry the URL, never the password we pass
            throw new SQLException("Database driver data source " + className + " refused its settings: "
                    + e.getCause().getMessage());
        } catch (ReflectiveOperationException | ClassCastException e) {
            // the cause kept: a ClassNotFoundException is a driver missing from the class path (DatabaseStartFailures)
            throw new SQLException("Database driver data source " + className + " not available: " + e, e);
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return driver().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || driver().isWrapperFor(iface);
    }
}
