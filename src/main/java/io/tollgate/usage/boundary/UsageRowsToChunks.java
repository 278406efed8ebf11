package io.tollgate.usage.boundary;

import io.tollgate.usage.entity.TokenUse;
import io.tollgate.usage.entity.UseOutcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema migration 8, in Java because SQL cannot encode chunks: moves the usage log of databases
 * made before migration 7 from one row per use ({@code token_usage}) into chunks
 * ({@code token_usage_chunks}), token by token in the order of its uses, then drops the old table.
 * {@link io.tollgate.storage.boundary.Migrations} hands it to Flyway with the SQL migrations.
 */
public class UsageRowsToChunks implements JavaMigration {

    private static final String ROWS = "SELECT token_id, used_at, outcome, status, method, path, ip, user_agent "
            + "FROM token_usage ORDER BY token_id, used_at, id";
    private static final int BATCH = 10_000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("8");
    }

    @Override
    public String getDescription() {
        return "token usage rows to chunks";
    }

    @Override
    public Integer getChecksum() {
        return 8;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement read = connection.createStatement()) {
            read.setFetchSize(1000);
            List<TokenUse> uses = new ArrayList<>();
            try (ResultSet rows = read.executeQuery(ROWS)) {
                while (rows.next()) {
                    UseOutcome outcome = UseOutcome.of(rows.getString(3));
                    if (outcome == null) {
                        continue;
                    }
                    TokenUse use = new TokenUse(rows.getString(1), rows.getLong(2), outcome, rows.getInt(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8));
                    if (!uses.isEmpty() && (uses.size() >= BATCH || !uses.get(0).tokenId().equals(use.tokenId()))) {
                        write(connection, uses);
                    }
                    uses.add(use);
                }
            }
            write(connection, uses);
        }
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE token_usage");
        }
    }

    private static void write(Connection connection, List<TokenUse> uses) throws SQLException {
        if (!uses.isEmpty()) {
            UsageLog.insert(connection, uses);
            uses.clear();
        }
    }
}
