package io.tollgate.it;

import io.tollgate.time.Now;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's wall clock in the test deployment ({@link DeployedWarTest}): the real one, moved ahead by
 * what {@link ClockServlet} was last told, so that a test passes an expiry or a grace without sleeping.
 * A test class, never in the WAR that ships.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
@ApplicationScoped
public class MovableNow extends Now {

    static final AtomicLong AHEAD = new AtomicLong();

    @Override
    public long millis() {
        return super.millis() + AHEAD.get();
    }
}
