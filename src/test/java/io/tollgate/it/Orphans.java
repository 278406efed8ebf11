package io.tollgate.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows whose project is gone, read straight from the database the suites' server uses. Only on
 * PostgreSQL: the embedded H2 file is locked by the running server, so on H2 the suites can only
 * see orphans through the API (a token that still authenticates).
 */
final class Orphans {

    private static final String QUERY = """
            SELECT 'token ' || id FROM project_tokens t
             WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = t.project_id)
            UNION ALL
            SELECT 'broker ' || id FROM brokers b
             WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = b.project_id)
            UNION ALL
            SELECT 'membership ' || project_id || '/' || username FROM memberships m
             WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = m.project_id)
            """;

    private Orphans() {
    }

    /** Descriptions of the orphan rows; empty when there are none or the database is H2. */
    static List<String> find() throws SQLException {
        if (!"postgresql".equals(System.getProperty("tollgate.it.db"))) {
            return List.of();
        }
        DriverManager.setLoginTimeout(10);
        String url = "jdbc:postgresql://127.0.0.1:" + System.getProperty("tollgate.it.pg-port")
                + "/tollgate?connectTimeout=10&socketTimeout=30";
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "tollgate", "tollgate");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(QUERY)) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }
}
