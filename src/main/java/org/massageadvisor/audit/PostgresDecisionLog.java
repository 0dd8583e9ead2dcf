package org.massageadvisor.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Position;

/**
 * The decision log in PostgreSQL, for several service instances sharing one chain. Each row keeps its
 * line byte for byte as the file log would write it ({@link AuditLog#line}), so the hash of every
 * decision covers the previous one exactly as in the file, and export, import and verify move between
 * the two without re-hashing. A generated {@code jsonb} copy of the line feeds the indexes the queries
 * use (by client, date, warning code and rule).
 *
 * <p>An append is one transaction: lock the single-row {@code chain_head} ({@code SELECT ... FOR
 * UPDATE}), number and hash the new lines after it, insert them, move the head, commit. Writers on any
 * machine queue on that row lock, so the chain never forks, and {@link #appendAll} returns only after
 * the commit. Any failure (database down, restarting, too slow) throws {@link LogUnavailableException}
 * and acknowledges nothing; connect, statement and lock timeouts keep a call from hanging, and the
 * pool replaces broken connections on the next call.
 */
public final class PostgresDecisionLog implements DecisionLog {

    /** Bounds on every wait, so that an unreachable or stuck database fails a call instead of hanging it. */
    static final int CONNECT_TIMEOUT_SECONDS = 5;
    static final int STATEMENT_TIMEOUT_SECONDS = 30;
    static final int LOCK_TIMEOUT_SECONDS = 15;

    private static final String INSERT = "INSERT INTO decisions (seq, decision, decided_at, ruleset_version, prev, hash, line)"
            + " VALUES (?, ?, ?::timestamptz, ?, ?, ?, ?)";

    private final PostgresUrl url;
    private final HikariDataSource pool;
    private final PostgresRuleSets ruleSets;

    private PostgresDecisionLog(PostgresUrl url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
        this.ruleSets = new PostgresRuleSets(this);
    }

    /** Connects, and creates or upgrades the schema (Flyway migrations in {@code db/migration}). */
    public static PostgresDecisionLog open(PostgresUrl url) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config(url));
        } catch (HikariPool.PoolInitializationException e) {
            throw unavailable(url.toString(), "cannot open the decision log", e.getCause() instanceof SQLException s ? s : e);
        }
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .schemas(url.schema() == null ? new String[0] : new String[] {url.schema()})
                    .createSchemas(url.schema() != null)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            pool.close();
            throw unavailable(url.toString(), "cannot create or upgrade the decision log's tables", e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new PostgresDecisionLog(url, pool);
    }

    private static HikariConfig config(PostgresUrl url) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("advisor-decision-log");
        c.setJdbcUrl(url.jdbcUrl());
        c.setUsername(url.user());
        String password = System.getenv("PGPASSWORD");
        if (password != null && !password.isEmpty()) {
            c.setPassword(password);
        }
        // Otherwise the driver reads ~/.pgpass (or PGPASSFILE) itself, or the server trusts the connection.
        c.setMaximumPoolSize(4);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
        c.setValidationTimeout(2000);
        c.setAutoCommit(true);
        c.addDataSourceProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        c.addDataSourceProperty("loginTimeout", CONNECT_TIMEOUT_SECONDS);
        c.addDataSourceProperty("socketTimeout", STATEMENT_TIMEOUT_SECONDS * 2);
        c.addDataSourceProperty("tcpKeepAlive", true);
        c.addDataSourceProperty("reWriteBatchedInserts", true);
        c.addDataSourceProperty("ApplicationName", "advisor");
        c.addDataSourceProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT_SECONDS + "s -c lock_timeout="
                + LOCK_TIMEOUT_SECONDS + "s -c idle_in_transaction_session_timeout=60s");
        if (url.schema() != null) {
            c.addDataSourceProperty("currentSchema", url.schema());
        }
        return c;
    }

    @Override
    public String name() {
        return url.toString();
    }

    public PostgresUrl url() {
        return url;
    }

    @Override
    public RuleSets ruleSets() {
        return ruleSets;
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public List<AuditLog.Entry> appendAll(List<AuditLog.Decision> decisions) {
        if (decisions.isEmpty()) {
            return List.of();
        }
        for (AuditLog.Decision d : decisions) {
            ruleSets.store(d.ruleBase().files());
        }
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                Head head = lockHead(c);
                long seq = head.seq();
                String prev = head.hash();
                List<Row> rows = new ArrayList<>(decisions.size());
                List<AuditLog.Entry> entries = new ArrayList<>(decisions.size());
                for (AuditLog.Decision d : decisions) {
                    seq++;
                    String decision = UUID.randomUUID().toString();
                    String line = AuditLog.line(seq, decision, d, prev);
                    String hash = line.substring(line.length() - 2 - 71, line.length() - 2);
                    rows.add(new Row(seq, decision, timestampOf(line), d.recommendation().rulesetVersion(), prev, hash, line));
                    entries.add(new AuditLog.Entry(seq, decision, hash));
                    prev = hash;
                }
                insert(c, rows);
                moveHead(c, new Head(seq, prev));
                c.commit();
                return entries;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(name(), "cannot append to the decision log", e);
        }
    }

    /**
     * Logs a publish: the new rule set is stored and linked to its commit, then one transaction appends
     * the chained {@code publish} line (as the file log writes it) and a row in {@code publishes}.
     */
    @Override
    public AuditLog.Entry appendPublish(PublishRecord publish, org.massageadvisor.engine.RuleFiles rules) {
        ruleSets.store(rules);
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                Head head = lockHead(c);
                long seq = head.seq() + 1;
                String decision = UUID.randomUUID().toString();
                String line = AuditLog.publishLine(seq, decision, publish, head.hash());
                String hash = AuditLog.hashOf(line);
                insert(c, List.of(new Row(seq, decision, timestampOf(line), publish.newVersion(), head.hash(), hash, line)));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO publishes (published_at, proposed_by, approved_by, message,"
                        + " old_version, new_version, source_commit) VALUES (?::timestamptz, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, timestampOf(line));
                    ps.setString(2, publish.proposedBy());
                    ps.setString(3, publish.approvedBy());
                    ps.setString(4, publish.message());
                    // The old rule set is in the table only if a decision or an earlier publish stored it.
                    ps.setString(5, ruleSets.has(c, publish.oldVersion()) ? publish.oldVersion() : null);
                    ps.setString(6, publish.newVersion());
                    ps.setString(7, publish.commit());
                    ps.executeUpdate();
                }
                if (publish.commit() != null) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE rulesets SET source_commit = ? WHERE version = ?")) {
                        ps.setString(1, publish.commit());
                        ps.setString(2, publish.newVersion());
                        ps.executeUpdate();
                    }
                }
                moveHead(c, new Head(seq, hash));
                c.commit();
                return new AuditLog.Entry(seq, decision, hash);
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(name(), "cannot record the publish in the decision log", e);
        }
    }

    /**
     * Appends lines that already carry their numbers and hashes (an import), checking that they
     * continue the chain from {@code expected}; one transaction, so a chunk is all in or all out.
     */
    Head appendLines(List<String> lines, Head expected) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                Head head = lockHead(c);
                if (!head.equals(expected)) {
                    throw new InputException(Position.of(name()), "the log changed while importing (its head is now decision #" + head.seq()
                            + "); import only into a log nobody else is writing to");
                }
                List<Row> rows = lines.stream().map(Row::of).toList();
                insert(c, rows);
                Row last = rows.get(rows.size() - 1);
                Head moved = new Head(last.seq(), last.hash());
                moveHead(c, moved);
                c.commit();
                return moved;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(name(), "cannot import into the decision log", e);
        }
    }

    private static Head lockHead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM chain_head FOR UPDATE"); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the chain_head row is missing (the schema was altered outside the advisor)");
            }
            return new Head(rs.getLong(1), rs.getString(2));
        }
    }

    private static void moveHead(Connection c, Head head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE chain_head SET seq = ?, hash = ?")) {
            ps.setLong(1, head.seq());
            ps.setString(2, head.hash());
            ps.executeUpdate();
        }
    }

    /** The timestamp of a line {@link AuditLog#line} wrote: its third field, before any input. */
    private static String timestampOf(String line) {
        int at = line.indexOf("\"timestamp\":\"") + 13;
        return line.substring(at, line.indexOf('"', at));
    }

    private static void insert(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Row row : rows) {
                ps.setLong(1, row.seq());
                ps.setString(2, row.decision());
                // PostgreSQL parses the line's own text, as 'audit verify' does when it compares the two.
                ps.setString(3, row.timestamp());
                ps.setString(4, row.rulesetVersion());
                ps.setString(5, row.prev());
                ps.setString(6, row.hash());
                ps.setString(7, row.line());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The columns of a row, read from its line (the line is what the hash covers; the columns serve the indexes). */
    record Row(long seq, String decision, String timestamp, String rulesetVersion, String prev, String hash, String line) {

        static Row of(String line) {
            JsonNode node;
            try {
                node = AuditLog.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a log line: " + e.getOriginalMessage());
            }
            String timestamp = node.path("timestamp").asText();
            try {
                Instant.parse(timestamp);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("a log line without a timestamp (decision #" + node.path("seq").asText() + ")");
            }
            return new Row(node.path("seq").asLong(), node.path("decision").asText(), timestamp, node.path("rulesetVersion").asText(null),
                    node.path("prev").asText(), node.path("hash").asText(), line);
        }
    }

    @Override
    public Head head() {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM chain_head");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the chain_head row is missing");
            }
            return new Head(rs.getLong(1), rs.getString(2));
        } catch (SQLException e) {
            throw unavailable(name(), "cannot read the decision log", e);
        }
    }

    @Override
    public Lines lines() {
        return new RowLines("SELECT line FROM decisions ORDER BY seq", List.of());
    }

    /** Streams the first column of a query with a server-side cursor (1,000 rows at a time). */
    private final class RowLines implements Lines {
        private final Connection c;
        private final PreparedStatement ps;
        private final ResultSet rs;
        private int number;

        RowLines(String sql, List<Object> parameters) {
            try {
                c = connection();
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                ps = c.prepareStatement(sql);
                for (int i = 0; i < parameters.size(); i++) {
                    ps.setObject(i + 1, parameters.get(i));
                }
                ps.setFetchSize(1000);
                rs = ps.executeQuery();
            } catch (SQLException e) {
                throw unavailable(name(), "cannot read the decision log", e);
            }
        }

        @Override
        public String next() {
            try {
                if (!rs.next()) {
                    return null;
                }
                number++;
                return rs.getString(1);
            } catch (SQLException e) {
                throw unavailable(name(), "cannot read the decision log at row " + (number + 1), e);
            }
        }

        @Override
        public int number() {
            return number;
        }

        @Override
        public void close() {
            try {
                rs.close();
                ps.close();
                c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.close();
            } catch (SQLException e) {
                // Read-only: nothing to lose; the pool discards a broken connection.
            }
        }
    }

    @Override
    public String storageProblem() {
        try (Connection c = connection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM decisions WHERE seq IS DISTINCT FROM (entry->>'seq')::bigint"
                    + " OR hash IS DISTINCT FROM entry->>'hash' OR prev IS DISTINCT FROM entry->>'prev'"
                    + " OR decision IS DISTINCT FROM entry->>'decision' OR ruleset_version IS DISTINCT FROM entry->>'rulesetVersion'"
                    + " OR decided_at IS DISTINCT FROM (entry->>'timestamp')::timestamptz ORDER BY seq LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return "decision #" + rs.getLong(1) + ": its columns disagree with its line (the row was edited outside the advisor)";
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT h.seq, h.hash, (SELECT max(seq) FROM decisions),"
                    + " (SELECT d.hash FROM decisions d WHERE d.seq = h.seq) FROM chain_head h"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                long headSeq = rs.getLong(1);
                long last = rs.getLong(3);
                String atHead = rs.getString(4);
                if (headSeq != last || (headSeq > 0 && !rs.getString(2).equals(atHead))) {
                    return "the head pointer says decision #" + headSeq + " (" + rs.getString(2) + ") but the last row is #" + last
                            + (atHead == null ? "" : " (" + atHead + ")") + ": rows were removed from the end, or added outside the advisor";
                }
            }
            return null;
        } catch (SQLException e) {
            if ("22P02".equals(e.getSQLState()) || "22007".equals(e.getSQLState()) || "22008".equals(e.getSQLState())) {
                return "a row's line holds a seq or timestamp that is not one (the row was edited outside the advisor)";
            }
            throw unavailable(name(), "cannot check the decision log's rows", e);
        }
    }

    @Override
    public List<Found> find(Filter filter) {
        Where where = where(filter);
        List<Found> found = new ArrayList<>();
        try (Lines lines = new RowLines("SELECT line FROM decisions" + where.sql() + " ORDER BY seq", where.parameters())) {
            String line;
            while ((line = lines.next()) != null) {
                try {
                    found.add(LogScan.found(AuditLog.MAPPER.readTree(line)));
                } catch (JsonProcessingException e) {
                    throw new InputException(new Position(name(), lines.number(), 0), "not a log entry; run 'advisor audit verify'");
                }
            }
        }
        return found;
    }

    @Override
    public Counts count(Filter filter) {
        Where where = where(filter);
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long decisions;
                try (PreparedStatement ps = prepare(c, "SELECT count(*) FROM decisions" + where.sql(), where.parameters());
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    decisions = rs.getLong(1);
                }
                Map<String, Long> byWarning = grouped(c, "SELECT w, count(DISTINCT seq) FROM decisions,"
                        + " jsonb_array_elements_text(jsonb_path_query_array(entry, '$.output.warnings[*].code')) AS w" + where.sql()
                        + " GROUP BY w ORDER BY w", where.parameters());
                Map<String, Long> byRule = grouped(c, "SELECT f, count(DISTINCT seq) FROM decisions,"
                        + " jsonb_array_elements_text(entry->'firings') AS f" + where.sql() + " GROUP BY f ORDER BY f", where.parameters());
                return new Counts(decisions, byWarning, byRule);
            } finally {
                c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        } catch (SQLException e) {
            throw unavailable(name(), "cannot query the decision log", e);
        }
    }

    private static Map<String, Long> grouped(Connection c, String sql, List<Object> parameters) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare(c, sql, parameters); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            ps.setObject(i + 1, parameters.get(i));
        }
        return ps;
    }

    private record Where(String sql, List<Object> parameters) {
    }

    /** The filter as a WHERE clause the indexes serve (expression, GIN and date indexes of V1). */
    private static Where where(Filter f) {
        List<String> terms = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        terms.add("entry->'output' IS NOT NULL");
        if (f.client() != null) {
            terms.add("entry->'input'->>'id' = ?");
            parameters.add(f.client());
        }
        if (f.warning() != null) {
            terms.add("entry->'output'->'warnings' @> jsonb_build_array(jsonb_build_object('code', ?::text))");
            parameters.add(f.warning());
        }
        if (f.rule() != null) {
            terms.add("entry->'firings' @> jsonb_build_array(?::text)");
            parameters.add(f.rule());
        }
        if (f.from() != null) {
            terms.add("decided_at >= ?");
            parameters.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            terms.add("decided_at < ?");
            parameters.add(Timestamp.from(f.to()));
        }
        return new Where(" WHERE " + String.join(" AND ", terms), parameters);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is broken; the server rolls the transaction back, the pool discards the connection.
        }
    }

    /** One line that says which log, what failed and why, with a hint for the usual causes. */
    static LogUnavailableException unavailable(String name, String what, Exception e) {
        // The driver's own message (the deepest SQLException) says it best; the pool's and Flyway's wrap it.
        SQLException driver = null;
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException s && s.getMessage() != null) {
                driver = s;
            }
        }
        String state = driver == null ? null : driver.getSQLState();
        String reason = firstLine(driver != null ? driver.getMessage() : e.getMessage() == null ? e.toString() : e.getMessage());
        String hint = "";
        if (state != null && state.startsWith("28") || reason.contains("password")) {
            hint = " (give the password in PGPASSWORD or ~/.pgpass; never in the URL)";
        } else if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
            hint = " (is the database running and reachable?)";
        } else if ("55P03".equals(state)) {
            hint = " (another writer held the log for over " + LOCK_TIMEOUT_SECONDS + "s)";
        } else if ("57014".equals(state)) {
            hint = " (over " + STATEMENT_TIMEOUT_SECONDS + "s)";
        }
        return new LogUnavailableException(name + ": " + what + ": " + reason + hint, e);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    @Override
    public void close() {
        ruleSets.close();
        pool.close();
    }
}
