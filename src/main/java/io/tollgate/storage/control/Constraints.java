package io.tollgate.storage.control;

import java.sql.SQLException;

/** Recognises a database integrity violation (SQLSTATE class 23) anywhere in a cause chain. */
public final class Constraints {

    private Constraints() {
    }

    public static boolean isViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
