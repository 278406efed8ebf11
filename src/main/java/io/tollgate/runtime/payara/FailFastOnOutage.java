package io.tollgate.runtime.payara;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * Makes EclipseLink give up at once when the database cannot be reached, so that a request during
 * an outage is answered 503 within milliseconds. By default EclipseLink retries a query that failed
 * for lack of a connection three times, five seconds apart (measured: 10 s per request). Retrying
 * is the pool's business, which recovers by itself once the database is back. EclipseLink 4 has no
 * persistence-unit property for these two settings, only this customizer. It also checks, first,
 * that the database opens at all ({@link StartProbe}).
 */
public class FailFastOnOutage implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        DatabaseLogin login = session.getLogin();
        login.setQueryRetryAttemptCount(0);
        login.setDelayBetweenConnectionAttempts(0);
        // the customizer runs right before the persistence unit's login at deployment
        StartProbe.check(session);
    }
}
