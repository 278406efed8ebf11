package io.tollgate.runtime.payara;

import io.tollgate.storage.control.DatabaseStartFailures;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;

/**
 * Opens one connection before the persistence unit logs in at deployment, the earliest moment the
 * application's code runs with the data source: a database that cannot be opened (a refused password,
 * a database not answering, an embedded file another process holds) ends the start with one line
 * naming the cause and the fix ({@link DatabaseStartFailures#stopStart}; the failure itself goes to the
 * log file) instead of a page of stack traces and a server left up without the application.
 */
final class StartProbe {

    private StartProbe() {
    }

    static void check(Session session) {
        if (!(session.getLogin().getConnector() instanceof JNDIConnector connector)) {
            return;
        }
        DataSource dataSource = connector.getDataSource();
        if (dataSource == null) {
            return;
        }
        try (Connection probe = dataSource.getConnection()) {
            probe.isValid(5);
        } catch (SQLException | RuntimeException failure) {
            throw DatabaseStartFailures.stopStart(failure);
        }
    }
}
