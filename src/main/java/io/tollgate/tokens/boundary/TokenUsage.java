package io.tollgate.tokens.boundary;

import io.tollgate.storage.boundary.Database;
import io.tollgate.tokens.control.LastUses.LastUse;
import io.tollgate.tokens.entity.TokenUse;
import io.tollgate.tokens.entity.UseOutcome;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The usage log's table and the last-use columns, in plain JDBC: batches of inserts and updates in
 * one local transaction (the writer runs outside any JTA transaction), the newest-first page, the
 * retention deletes in bounded chunks, and the token counts of the metrics.
 */
@ApplicationScoped
public class TokenUsage {

    // a use of a token deleted meanwhile inserts nothing (the token's rows went with it)
    static final String INSERT = "INSERT INTO token_usage (token_id, used_at, outcome, status, method, path, ip, user_agent) "
            + "SELECT id, ?, ?, ?, ?, ?, ?, ? FROM project_tokens WHERE id = ?";
    // never moves the date backwards: another node may have written a later use
    static final String TOUCH = "UPDATE project_tokens SET last_used_date = ?, last_used_ip = ? "
            + "WHERE id = ? AND (last_used_date IS NULL OR last_used_date < ?)";
    static final String PAGE = "SELECT used_at, outcome, status, method, path, ip, user_agent FROM token_usage "
            + "WHERE token_id = ? AND used_at < ? ORDER BY used_at DESC, id DESC LIMIT ?";
    static final String DELETE_OLDER = "DELETE FROM token_usage WHERE id IN "
            + "(SELECT id FROM token_usage WHERE used_at < ? ORDER BY used_at LIMIT ?)";
    static final String KEPT_LAST = "SELECT used_at, id FROM token_usage WHERE token_id = ? "
            + "ORDER BY used_at DESC, id DESC LIMIT 1 OFFSET ?";
    static final String DELETE_BEYOND = "DELETE FROM token_usage WHERE id IN (SELECT id FROM token_usage "
            + "WHERE token_id = ? AND (used_at < ? OR (used_at = ? AND id < ?)) ORDER BY used_at LIMIT ?)";

    static final String COUNT_TOKENS = "SELECT COUNT(*), "
            + "COALESCE(SUM(CASE WHEN suspended_date IS NULL AND valid_date > ? THEN 1 ELSE 0 END), 0), "
            + "COALESCE(SUM(CASE WHEN suspended_date IS NOT NULL THEN 1 ELSE 0 END), 0) FROM project_tokens";

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    /** Inserts {@code uses} and moves the last-use columns, all or nothing. */
    public void write(List<TokenUse> uses, Map<String, LastUse> lastUses) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            write(connection, uses, lastUses);
        }
    }

    /** The same on a connection of the caller's (the exit hook's, when the pool may be gone). */
    static void write(Connection connection, List<TokenUse> uses, Map<String, LastUse> lastUses) throws SQLException {
        connection.setAutoCommit(false);
        try {
            if (!uses.isEmpty()) {
                insert(connection, uses);
            }
            if (!lastUses.isEmpty()) {
                touch(connection, lastUses);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void insert(Connection connection, List<TokenUse> uses) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (TokenUse use : uses) {
                insert.setLong(1, use.at());
                insert.setString(2, use.outcome().id());
                insert.setInt(3, use.status());
                insert.setString(4, use.method());
                insert.setString(5, use.path());
                setNullable(insert, 6, use.ip());
                setNullable(insert, 7, use.userAgent());
                insert.setString(8, use.tokenId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void touch(Connection connection, Map<String, LastUse> lastUses) throws SQLException {
        try (PreparedStatement touch = connection.prepareStatement(TOUCH)) {
            for (Map.Entry<String, LastUse> entry : lastUses.entrySet()) {
                touch.setLong(1, entry.getValue().at());
                setNullable(touch, 2, entry.getValue().ip());
                touch.setString(3, entry.getKey());
                touch.setLong(4, entry.getValue().at());
                touch.addBatch();
            }
            touch.executeBatch();
        }
    }

    /** The token's uses before {@code before} (exclusive), newest first, at most {@code limit}. */
    public List<TokenUse> page(String tokenId, long before, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement page = connection.prepareStatement(PAGE)) {
            page.setString(1, tokenId);
            page.setLong(2, before);
            page.setInt(3, limit);
            List<TokenUse> uses = new ArrayList<>();
            try (ResultSet rows = page.executeQuery()) {
                while (rows.next()) {
                    uses.add(new TokenUse(tokenId, rows.getLong(1), UseOutcome.of(rows.getString(2)), rows.getInt(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)));
                }
            }
            return uses;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the usage of token " + tokenId, e);
        }
    }

    /** Deletes up to {@code chunk} of the oldest rows older than {@code cutoff}; answers how many. */
    public int deleteOlderThan(long cutoff, int chunk) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE_OLDER)) {
            delete.setLong(1, cutoff);
            delete.setInt(2, chunk);
            return delete.executeUpdate();
        }
    }

    /**
     * Deletes up to {@code chunk} of the token's rows beyond its newest {@code keep}; answers how many.
     * Finding the boundary reads {@code keep} entries of the (token, date) index, nothing else.
     */
    public int deleteBeyond(String tokenId, int keep, int chunk) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            long at;
            long id;
            try (PreparedStatement last = connection.prepareStatement(KEPT_LAST)) {
                last.setString(1, tokenId);
                last.setInt(2, keep - 1);
                try (ResultSet row = last.executeQuery()) {
                    if (!row.next()) {
                        return 0;
                    }
                    at = row.getLong(1);
                    id = row.getLong(2);
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(DELETE_BEYOND)) {
                delete.setString(1, tokenId);
                delete.setLong(2, at);
                delete.setLong(3, at);
                delete.setLong(4, id);
                delete.setInt(5, chunk);
                return delete.executeUpdate();
            }
        }
    }

    /**
     * How many tokens there are, how many of them are valid at {@code now} and how many suspended:
     * {@code [all, valid, suspended]}.
     */
    public long[] countTokens(long now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(COUNT_TOKENS)) {
            count.setLong(1, now);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2), row.getLong(3)};
            }
        }
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
