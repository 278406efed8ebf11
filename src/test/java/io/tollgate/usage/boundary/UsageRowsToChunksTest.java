package io.tollgate.usage.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tollgate.usage.entity.TokenUse;
import io.tollgate.usage.entity.UseOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database made before the usage log was chunked keeps its uses: migration 8 moves them, and the
 * usage page reads them back exactly, newest first, across chunk and page boundaries.
 */
class UsageRowsToChunksTest {

    private JdbcDataSource dataSource;
    private UsageLog usage;

    @BeforeEach
    void database() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:usage-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        usage = new UsageLog();
        usage.dataSource = dataSource;
    }

    private Flyway flyway(String target) {
        return Flyway.configure(getClass().getClassLoader()).dataSource(dataSource)
                .locations("classpath:db/migration").javaMigrations(new UsageRowsToChunks()).target(target).load();
    }

    private void execute(String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private void token(String id) throws SQLException {
        execute("INSERT INTO project_tokens (id, project_id, name, role, type, issuer, hash, issue_date, valid_date) "
                + "VALUES (?, 'p', ?, 'viewer', 'unrestricted', 'root', ?, 0, 4102444800000)", id, id, "hash-" + id);
    }

    @Test
    void usesWrittenOneRowEachAreMovedIntoChunksAndReadBackTheSame() throws SQLException {
        flyway("6").migrate();
        execute("INSERT INTO projects (id, name, created_date) VALUES ('p', 'p', 0)");
        token("busy");
        token("quiet");
        List<TokenUse> busy = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            // times repeat (four uses per millisecond) and go back and forth
            busy.add(new TokenUse("busy", 1_795_000_000_000L + i / 4 + (i % 7 == 0 ? 1 : 0), UseOutcome.values()[i % 6],
                    200 + i % 3, i % 2 == 0 ? "GET" : "POST", "/api/p/" + i % 5, i % 11 == 0 ? null : "192.0.2." + i % 3,
                    i % 13 == 0 ? null : "agent " + i % 2));
        }
        List<TokenUse> quiet = List.of(
                new TokenUse("quiet", 1_000L, UseOutcome.OK, 200, "GET", "/a", "2001:db8::1", "x"),
                new TokenUse("quiet", 1_000L + 86_400_000L, UseOutcome.EXPIRED, 401, "GET", "/b", null, null));
        for (TokenUse use : concat(busy, quiet)) {
            execute("INSERT INTO token_usage (token_id, used_at, outcome, status, method, path, ip, user_agent) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", use.tokenId(), use.at(), use.outcome().id(), use.status(),
                    use.method(), use.path(), use.ip(), use.userAgent());
        }

        flyway("8").migrate();

        assertFalse(tableExists("TOKEN_USAGE"), "the old table is gone");
        assertEquals(Map.of("busy", 3, "quiet", 2), chunksPerToken(), "1000 uses or a minute per chunk");
        assertEquals(newestFirst(quiet), usage.page("quiet", Long.MAX_VALUE, 1000));
        List<TokenUse> expected = newestFirst(busy);
        assertEquals(expected, usage.page("busy", Long.MAX_VALUE, Integer.MAX_VALUE));
        // page by page through "before", 100 at a time, as a client does: each page is the newest 100
        // before the oldest use of the page before it
        long before = Long.MAX_VALUE;
        int pages = 0;
        for (List<TokenUse> page = usage.page("busy", before, 100); !page.isEmpty(); page = usage.page("busy", before, 100)) {
            long bound = before;
            assertEquals(expected.stream().filter(u -> u.at() < bound).limit(100).toList(), page, "page " + pages);
            before = page.get(page.size() - 1).at();
            pages++;
        }
        assertEquals(expected.get(expected.size() - 1).at(), before, "the last page ends at the oldest use");
    }

    /** Newest first; uses of one millisecond in the reverse of their stored order. */
    private static List<TokenUse> newestFirst(List<TokenUse> uses) {
        List<TokenUse> sorted = new ArrayList<>(uses);
        java.util.Collections.reverse(sorted);
        sorted.sort(Comparator.comparingLong(TokenUse::at).reversed());
        return sorted;
    }

    private static List<TokenUse> concat(List<TokenUse> a, List<TokenUse> b) {
        List<TokenUse> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Map<String, Integer> chunksPerToken() throws SQLException {
        Map<String, Integer> counts = new java.util.HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT token_id, COUNT(*) FROM token_usage_chunks GROUP BY token_id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private boolean tableExists(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
            return tables.next();
        }
    }
}
