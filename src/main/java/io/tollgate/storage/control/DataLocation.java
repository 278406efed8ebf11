package io.tollgate.storage.control;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the data lives, said for a person (the start summary): the H2 file, or the PostgreSQL
 * database and its host. Built from the JDBC URL with everything that may hold a credential left out
 * (parameters, user information).
 */
public final class DataLocation {

    private DataLocation() {
    }

    public static String of(String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            return "unknown";
        }
        String url = jdbcUrl.strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return h2(url.substring("jdbc:h2:".length()));
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return postgres(url.substring("jdbc:postgresql:".length()));
        }
        int colon = url.indexOf(':', "jdbc:".length());
        return colon > 0 ? url.substring(0, colon) + " database" : "unknown";
    }

    private static String h2(String rest) {
        String name = beforeAny(rest, ";?");
        if (name.startsWith("mem:")) {
            return "H2 in memory (lost at exit)";
        }
        if (name.startsWith("tcp:") || name.startsWith("ssl:")) {
            return "H2 server " + withoutCredentials(name.substring(4));
        }
        String file = name.startsWith("file:") ? name.substring("file:".length()) : name;
        return "H2 file " + Path.of(file + ".mv.db").toAbsolutePath().normalize();
    }

    private static String postgres(String rest) {
        String target = withoutCredentials(beforeAny(rest, "?"));
        if (!target.startsWith("//")) {
            return "PostgreSQL database " + target + " on localhost";
        }
        String hostAndDatabase = target.substring(2);
        int slash = hostAndDatabase.indexOf('/');
        String hosts = slash < 0 ? hostAndDatabase : hostAndDatabase.substring(0, slash);
        String database = slash < 0 ? "" : hostAndDatabase.substring(slash + 1);
        return "PostgreSQL database " + (database.isEmpty() ? "(the user's)" : database) + " at "
                + (hosts.isEmpty() ? "localhost" : hosts);
    }

    private static String withoutCredentials(String target) {
        int at = target.lastIndexOf('@');
        if (at < 0) {
            return target;
        }
        return (target.startsWith("//") ? "//" : "") + target.substring(at + 1);
    }

    private static String beforeAny(String text, String stops) {
        for (int i = 0; i < text.length(); i++) {
            if (stops.indexOf(text.charAt(i)) >= 0) {
                return text.substring(0, i);
            }
        }
        return text;
    }
}
