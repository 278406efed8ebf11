package io.tollgate.usage.boundary;

import io.tollgate.storage.boundary.Database;
import io.tollgate.tokens.control.LastUses.LastUse;
import io.tollgate.usage.control.UseChunks;
import io.tollgate.usage.entity.TokenUse;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The usage log's table and the last-use columns, in plain JDBC. The log is stored in chunks
 * ({@link UseChunks}: one row per token and flush, each holding that token's uses encoded), written
 * in one local transaction with the last-use updates (the writer runs outside any JTA transaction);
 * the newest-first page merges the chunks that can hold its uses; retention deletes whole chunks in
 * bounded numbers.
 */
@ApplicationScoped
public class UsageLog {

    // a use of a token deleted meanwhile inserts nothing (the token's rows went with it)
    static final String INSERT = "INSERT INTO token_usage_chunks (token_id, first_at, last_at, uses, data) "
            + "SELECT id, ?, ?, ?, ? FROM project_tokens WHERE id = ?";
    // never moves the date backwards: another node may have written a later use
    static final String TOUCH = "UPDATE project_tokens SET last_used_date = ?, last_used_ip = ? "
            + "WHERE id = ? AND (last_used_date IS NULL OR last_used_date < ?)";
    // the chunks holding a use before the bound, newest last use first, after the keyset (last_at, id)
    static final String PAGE = "SELECT id, last_at, data FROM token_usage_chunks "
            + "WHERE token_id = ? AND first_at < ? AND (last_at < ? OR (last_at = ? AND id < ?)) "
            + "ORDER BY last_at DESC, id DESC LIMIT ?";
    static final String DELETE_OLDER = "DELETE FROM token_usage_chunks WHERE id IN "
            + "(SELECT id FROM token_usage_chunks WHERE last_at < ? ORDER BY last_at LIMIT ?)";
    static final String NEWEST = "SELECT id, last_at, uses FROM token_usage_chunks WHERE token_id = ? "
            + "ORDER BY last_at DESC, id DESC LIMIT ?";
    static final String DELETE_BEYOND = "DELETE FROM token_usage_chunks WHERE id IN (SELECT id FROM token_usage_chunks "
            + "WHERE token_id = ? AND (last_at < ? OR (last_at = ? AND id < ?)) LIMIT ?)";
    /** How many chunks one round trip of the page reads: most pages need one or two. */
    private static final int PAGE_CHUNKS = 8;

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

    /** Inserts {@code uses} as chunks (also the migration from one row per use does). */
    static void insert(Connection connection, List<TokenUse> uses) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (UseChunks.Chunk chunk : UseChunks.of(uses)) {
                insert.setLong(1, chunk.firstAt());
                insert.setLong(2, chunk.lastAt());
                insert.setInt(3, chunk.uses());
                insert.setBytes(4, chunk.data());
                insert.setString(5, chunk.tokenId());
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

    /**
     * The token's uses before {@code before} (exclusive), newest first, at most {@code limit}. Chunks
     * are read newest last use first; once {@code limit} uses are found, a chunk whose last use is older
     * than the oldest of them cannot change the page, and reading stops. Uses of one millisecond keep
     * the order they were written in.
     */
    public List<TokenUse> page(String tokenId, long before, int limit) {
        List<Found> found = new ArrayList<>();
        long threshold = Long.MIN_VALUE;
        long afterAt = Long.MAX_VALUE;
        long afterId = Long.MAX_VALUE;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement page = connection.prepareStatement(PAGE)) {
            boolean more = true;
            while (more) {
                page.setString(1, tokenId);
                page.setLong(2, before);
                page.setLong(3, afterAt);
                page.setLong(4, afterAt);
                page.setLong(5, afterId);
                page.setInt(6, PAGE_CHUNKS);
                int chunks = 0;
                try (ResultSet rows = page.executeQuery()) {
                    while (rows.next()) {
                        chunks++;
                        long id = rows.getLong(1);
                        afterAt = rows.getLong(2);
                        afterId = id;
                        if (found.size() >= limit && afterAt < threshold) {
                            more = false;
                            break;
                        }
                        List<TokenUse> uses = UseChunks.decode(tokenId, rows.getBytes(3));
                        for (int i = 0; i < uses.size(); i++) {
                            if (uses.get(i).at() < before) {
                                found.add(new Found(uses.get(i), id, i));
                            }
                        }
                        if (found.size() >= limit) {
                            newestFirst(found, limit);
                            threshold = found.get(limit - 1).use().at();
                        }
                    }
                }
                more &= chunks == PAGE_CHUNKS;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the usage of token " + tokenId, e);
        }
        newestFirst(found, limit);
        return found.stream().map(Found::use).toList();
    }

    /** A use with where it was stored, for the order of uses of one millisecond. */
    private record Found(TokenUse use, long chunk, int index) {
    }

    private static final Comparator<Found> NEWEST_FIRST = Comparator.comparingLong((Found f) -> f.use().at())
            .thenComparingLong(Found::chunk).thenComparingInt(Found::index).reversed();

    /** Sorts newest first and keeps the first {@code limit}. */
    private static void newestFirst(List<Found> found, int limit) {
        found.sort(NEWEST_FIRST);
        if (found.size() > limit) {
            found.subList(limit, found.size()).clear();
        }
    }

    /** Deletes up to {@code chunk} of the oldest chunks whose uses are all older than {@code cutoff}; answers how many. */
    public int deleteOlderThan(long cutoff, int chunk) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE_OLDER)) {
            delete.setLong(1, cutoff);
            delete.setInt(2, chunk);
            return delete.executeUpdate();
        }
    }

    /**
     * Deletes up to {@code chunk} of the token's chunks older than those holding its newest {@code keep}
     * uses; answers how many. Whole chunks go, so between {@code keep} and {@code keep} plus one chunk's
     * uses stay. Finding the boundary reads at most {@code keep} entries of the (token, last use) index.
     */
    public int deleteBeyond(String tokenId, int keep, int chunk) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            long at = 0;
            long id = 0;
            int uses = 0;
            try (PreparedStatement newest = connection.prepareStatement(NEWEST)) {
                newest.setString(1, tokenId);
                newest.setInt(2, keep);
                try (ResultSet rows = newest.executeQuery()) {
                    while (uses < keep && rows.next()) {
                        id = rows.getLong(1);
                        at = rows.getLong(2);
                        uses += rows.getInt(3);
                    }
                }
            }
            if (uses < keep) {
                return 0;
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

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
