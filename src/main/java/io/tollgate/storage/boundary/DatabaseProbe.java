package io.tollgate.storage.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
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
