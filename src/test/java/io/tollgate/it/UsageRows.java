package io.tollgate.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A token's usage rows read straight from the suites' PostgreSQL database (like {@link Orphans}; on
 * H2, whose file the server locks, {@code InContainerTests} looks from inside).
 */
final class UsageRows {

    private UsageRows() {
    }

    /** The ids of the token's usage rows; empty when there are none or the database is H2. */
    static List<Long> of(String tokenId) throws SQLException {
        if (!"postgresql".equals(System.getProperty("tollgate.it.db"))) {
            return List.of();
        }
        DriverManager.setLoginTimeout(10);
        String url = "jdbc:postgresql://127.0.0.1:" + System.getProperty("tollgate.it.pg-port")
                + "/tollgate?connectTimeout=10&socketTimeout=30";
        List<Long> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "tollgate", "tollgate");
             PreparedStatement query = connection.prepareStatement("SELECT id FROM token_usage_chunks WHERE token_id = ?")) {
            query.setString(1, tokenId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getLong(1));
                }
            }
        }
        return found;
    }
}
