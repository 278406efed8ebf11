package io.tollgate.storage.control;

import io.tollgate.config.EarlyConfig;
import io.tollgate.config.StartFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Why the database could not be opened at start, in one line that names the cause and the fix
 * (issue 23): a refused password or user, a database that does not exist or does not answer, an
 * embedded database file another process holds, a driver missing from the class path, a URL of a
 * database Tollgate has no data source for. Anything else is named by its innermost message.
 */
public final class DatabaseStartFailures {

    /** H2: "Database may be already in use" (the file is locked by another process). */
    static final int H2_ALREADY_OPEN = 90020;
    /** H2: "Wrong user name or password". */
    static final int H2_WRONG_PASSWORD = 28000;

    private DatabaseStartFailures() {
    }

    /**
     * Ends a start that met {@code failure} with the database: the line for the configured database
     * ({@link DatabaseConfigSource}'s URL, {@code tollgate.db.user} or the definition's {@code sa}), then
     * {@link StartFailure#stop}; returns what fails the deployment meanwhile.
     */
    public static IllegalStateException stopStart(Throwable failure) {
        String user = EarlyConfig.value("tollgate.db.user");
        return StartFailure.stop(describe(failure, new DatabaseConfigSource().getValue(DatabaseConfigSource.URL),
                user == null ? "sa" : user, EarlyConfig.value(DatabaseConfigSource.DATA_SOURCE) != null), failure);
    }

    /** The line for {@code failure}, met opening the database at {@code url} as {@code user}. */
    public static String describe(Throwable failure, String url, String user) {
        return describe(failure, url, user, false);
    }

    /**
     * {@code ownDataSource}: the operator named the data source class ({@code tollgate.db.datasource-class}),
     * which may take URLs of other databases than H2 and PostgreSQL.
     */
    static String describe(Throwable failure, String url, String user, boolean ownDataSource) {
        if (url != null && !ownDataSource && !DatabaseConfigSource.supported(url)) {
            String scheme = scheme(url);
            return "TOLLGATE_DB_URL must start with jdbc:h2: or jdbc:postgresql:" + (scheme == null ? "" : ", not " + scheme);
        }
        String location = DataLocation.of(url);
        String who = user == null || user.isBlank() ? "(none)" : user;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                Optional<String> known = known(sql, location, who);
                if (known.isPresent()) {
                    return known.get();
                }
            }
            if (cause instanceof ConnectException) {
                return notAnswering(location);
            }
            if (cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError) {
                return noDriver(url, cause.getMessage());
            }
        }
        return "the database (" + location + ") failed at start: " + innermost(failure);
    }

    private static Optional<String> known(SQLException sql, String location, String who) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.equals("28P01") || (sql.getErrorCode() == H2_WRONG_PASSWORD && location.startsWith("H2"))) {
            return Optional.of("the database refused the password for user " + who + " (" + location
                    + "): check TOLLGATE_DB_PASSWORD and TOLLGATE_DB_USER");
        }
        if (state.equals("28000")) {
            return Optional.of("the database refused user " + who + " (" + location + "): check TOLLGATE_DB_USER"
                    + " and the server's access rules (pg_hba.conf)");
        }
        if (state.equals("3D000")) {
            return Optional.of("the database does not exist (" + location + "): create it, or correct TOLLGATE_DB_URL");
        }
        if (state.startsWith("08")) {
            return Optional.of(notAnswering(location));
        }
        if (sql.getErrorCode() == H2_ALREADY_OPEN) {
            String file = location.startsWith("H2 file ") ? location.substring("H2 file ".length()) : null;
            OptionalLong holder = file == null ? OptionalLong.empty() : holderOf(Path.of(file));
            String dir = file == null ? "the data directory" : Path.of(file).getParent().toString();
            return Optional.of(dir + " is in use by another process" + (holder.isPresent() ? " (pid " + holder.getAsLong() + ")" : "")
                    + ", probably another Tollgate: stop it, or give this one its own data directory (--data or TOLLGATE_DATA_DIR)");
        }
        return Optional.empty();
    }

    /**
     * The driver is not on the class path: on Payara Micro the PostgreSQL driver is not in the WAR but
     * added with {@code --addlibs} (scripts/run.sh does it for a PostgreSQL URL), which a start with
     * {@code java -jar} alone leaves out.
     */
    private static String noDriver(String url, String missingClass) {
        String scheme = scheme(url);
        String fix = "jdbc:postgresql:".equals(scheme)
                ? "add target/postgresql.jar with --addlibs, or start with scripts/run.sh, which adds it"
                : "add the driver's jar with --addlibs";
        return "no JDBC driver for " + (scheme == null ? "the database URL" : scheme)
                + " (" + (missingClass == null ? "its data source class" : missingClass)
                + " is not on the class path): " + fix;
    }

    /** The URL's {@code jdbc:name:} alone (the rest may hold a credential), or null without one. */
    private static String scheme(String url) {
        if (url == null) {
            return null;
        }
        String stripped = url.strip();
        int colon = stripped.indexOf(':', stripped.startsWith("jdbc:") ? "jdbc:".length() : 0);
        return colon < 0 ? null : stripped.substring(0, colon + 1);
    }

    private static String notAnswering(String location) {
        return "no database answers (" + location + "): start it, or correct TOLLGATE_DB_URL";
    }

    private static String innermost(Throwable failure) {
        Throwable inner = failure;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        String message = inner.getMessage() == null ? "" : inner.getMessage().lines().findFirst().orElse("");
        return inner.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** The process that has {@code file} open, found in /proc (Linux; the same user's processes); empty elsewhere. */
    static OptionalLong holderOf(Path file) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return OptionalLong.empty();
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && holds(process.resolve("fd"), file)) {
                    return OptionalLong.of(pid);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static boolean holds(Path fds, Path file) {
        try (DirectoryStream<Path> open = Files.newDirectoryStream(fds)) {
            for (Path fd : open) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file)) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException gone) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException notOurs) {
            return false;
        }
        return false;
    }
}
