package io.tollgate.storage.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Whether the database answers right now. Used by readiness and to tell an outage (503) from a
 * bug (500); an answer is reused for half a second so that an outage does not multiply probes.
 */
@ApplicationScoped
public class DatabaseProbe {

    private static final long REUSE_MILLIS = 500;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    private volatile long checkedAt;
    private volatile boolean lastAnswer = true;

    /**
     * Creates the bean (and resolves its {@code java:app} data source) at application start: WildFly
     * runs health checks on a management thread that has no {@code java:app} naming context, where
     * creating it on first use fails.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer's injection of this bean resolves the data source
    }

    public boolean isUp() {
        long now = System.currentTimeMillis();
        if (now - checkedAt < REUSE_MILLIS) {
            return lastAnswer;
        }
        boolean up;
        try (Connection connection = dataSource.getConnection()) {
            up = connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            up = false;
        }
        lastAnswer = up;
        checkedAt = System.currentTimeMillis();
        return up;
    }
}
