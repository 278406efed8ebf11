package io.tollgate.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The data directory ({@code tollgate.data-dir}, default {@code ./data}): the embedded database and
 * the JWT signing key live there, so it is the owner's alone, 700, and every file in it 600. It is
 * created that way when missing and tightened when an older version left it open; files the
 * database creates later (a {@code .trace.db}) follow the process umask, but sit in a directory
 * nobody else can enter.
 */
public final class DataDirectory {

    private static final Logger LOG = Logger.getLogger(DataDirectory.class.getName());
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private static volatile Path established;

    private DataDirectory() {
    }

    /** The configured directory as given (relative to the working directory when relative). */
    public static Path path() {
        String dir = EarlyConfig.value("tollgate.data-dir");
        return Path.of(dir == null ? "./data" : dir);
    }

    /** The directory, created or tightened the first time it is asked for. */
    public static Path established() {
        Path dir = path();
        if (!dir.equals(established)) {
            synchronized (DataDirectory.class) {
                if (!dir.equals(established)) {
                    secure();
                    established = dir;
                }
            }
        }
        return dir;
    }

    /**
     * Creates the directory owner-only if missing, or makes it 700, and makes every file in it 600.
     * Failures are logged, not thrown: on a file system without POSIX permissions there is nothing
     * to tighten, and a directory that cannot be created stops the database with a clearer message.
     */
    public static void secure() {
        Path dir = path();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            }
            Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(file, OWNER_FILE);
                    }
                }
            }
        } catch (UnsupportedOperationException notPosix) {
            LOG.fine(() -> "No POSIX permissions to set on " + dir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not make the data directory {0} owner-only: {1}",
                    new Object[] {dir.toAbsolutePath(), e.toString()});
        }
    }
}
