package io.tollgate.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tollgate.users.boundary.Users;
import io.tollgate.users.entity.User;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A login whose password could not be checked (a database outage) is no failure of its address. */
class LoginsTest {

    /** Users whose database is out of reach. */
    static final class UnreachableUsers extends Users {
        @Override
        public User find(String username) {
            throw new IllegalStateException("database unreachable");
        }
    }

    private static Logins logins(int perAddress) {
        Logins logins = new Logins();
        logins.clock = new io.tollgate.time.Now();
        logins.users = new UnreachableUsers();
        logins.maxFailures = 10;
        logins.window = Duration.ofMinutes(1);
        logins.lockout = Duration.ofMinutes(1);
        logins.usernameMaxFailures = 100;
        logins.usernameWindow = Duration.ofMinutes(15);
        logins.maxTracked = 1000;
        logins.addressMaxFailures = perAddress;
        logins.init();
        return logins;
    }

    @Test
    void loginsThatFailedUncheckedDoNotThrottleTheirAddress() {
        Logins logins = logins(2);
        for (int attempt = 0; attempt < 5; attempt++) {
            // the outage's own failure every time, never a 429 for the address
            assertThrows(IllegalStateException.class,
                    () -> logins.login("user-" + System.nanoTime(), "password", "192.0.2.7"));
        }
    }
}
