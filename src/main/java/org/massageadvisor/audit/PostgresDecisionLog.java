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
 * <p>An append is one statement in its own transaction, {@code append_decisions} (migration V2_1): it
 * locks the single-row {@code chain_head} ({@code SELECT ... FOR UPDATE}), numbers and hashes the new
 * lines after it, inserts them and moves the head. Writers on any machine queue on that row lock, so
 * the chain never forks, and {@link #appendAll} returns only after the commit. Concurrent appends of
 * one instance go in one statement (a group commit, {@link #grouped}). Any failure (database down, restarting, too slow) throws {@link LogUnavailableException}
 * and acknowledges nothing; connect, statement and lock timeouts keep a call from hanging, and the
 * pool replaces broken connections on the next call.
 */
public final class PostgresDecisionLog implements DecisionLog {

    /** Bounds on every wait, so that an unreachable or stuck database fails a call instead of hanging it. */
    static final int CONNECT_TIMEOUT_SECONDS = 5;
    static final int STATEMENT_TIMEOUT_SECONDS = 30;
    static final int LOCK_TIMEOUT_SECONDS = 15;

    /** One statement, one round trip: lock the head, number, hash and insert the lines, move the head (V2_1 migration). */
    private static final String APPEND = "SELECT appended_seq, appended_hash FROM append_decisions(?, ?, ?, ?)";
    /** What a line starts with before its other fields when written with seq 0, and the length of its {@code ,"prev":"sha256:..."}} end. */
    private static final String SEQ_ZERO = "{\"seq\":0,";
    private static final int PREV_TAIL = 9 + 71 + 2;

    private static final String INSERT = "INSERT INTO decisions (seq, decision, decided_at, ruleset_version, prev, hash, line)"
            + " VALUES (?, ?, ?::timestamptz, ?, ?, ?, ?)";

    private final PostgresUrl url;
    private final HikariDataSource pool;
    private final PostgresRuleSets ruleSets;
    private final AuditKey key;
    private volatile boolean keyChecked;
    /** Appends waiting for the statement being written ({@link #grouped}); guarded by itself. */
    private final List<Pending> queue = new ArrayList<>();
    private boolean writing;

    private PostgresDecisionLog(PostgresUrl url, HikariDataSource pool, AuditKey key) {
        this.url = url;
        this.pool = pool;
        this.key = key;
        this.ruleSets = new PostgresRuleSets(this);
    }

    /** Connects, and creates or upgrades the schema (Flyway migrations in {@code db/migration}). */
    public static PostgresDecisionLog open(PostgresUrl url) {
        return open(url, null);
    }

    /**
     * As {@link #open(PostgresUrl)}; with a key every line is also sealed with an HMAC of its hash, as in
     * the file log, so the same lines verify with {@code --key} in either form. As for the file, a keyed
     * log must be keyed from its first line: opening checks the last line against the key (or its absence).
     */
    public static PostgresDecisionLog open(PostgresUrl url, AuditKey key) {
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
        return new PostgresDecisionLog(url, pool, key);
    }

    /**
     * A keyed log takes only lines sealed with the same key; a plain log only plain lines (the file log's rule),
     * checked against the last line before this instance's first append (reading needs no key).
     */
    private void checkKey() {
        if (keyChecked) {
            return;
        }
        String last;
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("SELECT line FROM decisions ORDER BY seq DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            last = rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw unavailable(name(), "cannot read the decision log", e);
        }
        if (last == null) {
            keyChecked = true;
            return;
        }
        String mac = AuditLog.macOf(last);
        if (key == null && mac != null) {
            throw new InputException(Position.of(name()), "this log is sealed with a key; pass it with --audit-key");
        }
        if (key != null && mac == null) {
            throw new InputException(Position.of(name()), "this log was started without a key; a keyed log must be keyed from its first line"
                    + " (start a new log, e.g. ?schema=NAME, for --audit-key)");
        }
        if (key != null && !key.mac(AuditLog.hashOf(AuditLog.withoutMac(last))).equals(mac)) {
            throw new InputException(Position.of(name()), "the last line was not sealed with this key (a different key, or a forged line):"
                    + " run 'advisor audit verify --key' on it");
        }
        keyChecked = true;
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
        checkKey();
        for (AuditLog.Decision d : decisions) {
            ruleSets.store(d.ruleBase().files());
        }
        Pending mine = new Pending(decisions.size());
        for (AuditLog.Decision d : decisions) {
            String id = UUID.randomUUID().toString();
            mine.ids.add(id);
            mine.lines.add(AuditLog.line(0, id, d, Hashes.GENESIS));
            mine.versions.add(d.recommendation().rulesetVersion());
        }
        return grouped(mine);
    }

    /** Decisions of one caller, waiting to be written with those of others; the result or the error once written. */
    private static final class Pending {
        final List<String> ids;
        final List<String> lines;
        final List<String> versions;
        List<AuditLog.Entry> entries;
        RuntimeException error;
        boolean done;

        Pending(int size) {
            ids = new ArrayList<>(size);
            lines = new ArrayList<>(size);
            versions = new ArrayList<>(size);
        }
    }

    /**
     * A group commit across callers (e.g. the service's request threads): while one statement is being
     * written, later callers queue; the first of them to find the log free writes everything queued in one
     * statement, and each caller returns once that statement has committed, with its own entries, or
     * with the statement's error (then none of the group was logged).
     */
    private List<AuditLog.Entry> grouped(Pending mine) {
        List<Pending> group;
        synchronized (queue) {
            queue.add(mine);
            boolean interrupted = false;
            while (!mine.done && writing) {
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the write is bounded by the timeouts: wait for its outcome
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (mine.done) {
                return result(mine);
            }
            writing = true;
            group = new ArrayList<>(queue);
            queue.clear();
        }
        List<String> ids = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        group.forEach(p -> {
            ids.addAll(p.ids);
            lines.addAll(p.lines);
            versions.addAll(p.versions);
        });
        try {
            List<AuditLog.Entry> entries = appendSealed(ids, lines, versions);
            int at = 0;
            for (Pending p : group) {
                p.entries = entries.subList(at, at + p.ids.size());
                at += p.ids.size();
            }
        } catch (RuntimeException e) {
            group.forEach(p -> p.error = e);
        } finally {
            synchronized (queue) {
                group.forEach(p -> p.done = true);
                writing = false;
                queue.notifyAll();
            }
        }
        return result(mine);
    }

    private static List<AuditLog.Entry> result(Pending p) {
        if (p.error != null) {
            throw p.error;
        }
        return List.copyOf(p.entries);
    }

    /**
     * Logs what a user did with advice already logged (a CDS Hooks card accepted or overridden), as the
     * file log does ({@link AuditLog#appendFeedback}): a line of kind {@code feedback} in the same chain.
     */
    public AuditLog.Entry appendFeedback(com.fasterxml.jackson.databind.node.ObjectNode feedback) {
        checkKey();
        String id = UUID.randomUUID().toString();
        return appendSealed(List.of(id), List.of(AuditLog.feedbackLine(0, id, feedback, Hashes.GENESIS)), java.util.Collections.singletonList(null))
                .get(0);
    }

    /** Appends lines written with seq 0 and the zero prev: the database numbers, chains and hashes them again under the head lock. */
    private List<AuditLog.Entry> appendSealed(List<String> ids, List<String> lines, List<String> versions) {
        int n = lines.size();
        String[] times = new String[n];
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            // The line as the file log writes it, less the seq and prev the database fills in under the head lock.
            String body = AuditLog.unsealed(lines.get(i));
            bodies[i] = body.substring(SEQ_ZERO.length(), body.length() - PREV_TAIL);
            times[i] = timestampOf(body);
        }
        try (Connection c = connection()) {
            if (key != null) {
                c.setAutoCommit(false);
            }
            try {
                List<AuditLog.Entry> entries = new ArrayList<>(n);
                try (PreparedStatement ps = c.prepareStatement(APPEND)) {
                    ps.setArray(1, c.createArrayOf("text", ids.toArray()));
                    ps.setArray(2, c.createArrayOf("text", times));
                    ps.setArray(3, c.createArrayOf("text", versions.toArray()));
                    ps.setArray(4, c.createArrayOf("text", bodies));
                    try (ResultSet rs = ps.executeQuery()) {
                        for (int i = 0; rs.next(); i++) {
                            entries.add(new AuditLog.Entry(rs.getLong(1), ids.get(i), rs.getString(2)));
                        }
                    }
                }
                if (entries.size() != n) {
                    throw new SQLException("append_decisions returned " + entries.size() + " rows for " + n + " decisions");
                }
                if (key != null) {
                    seal(c, entries);
                    c.commit();
                }
                return entries;
            } catch (SQLException | RuntimeException e) {
                if (key != null) {
                    rollback(c);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(name(), "cannot append to the decision log", e);
        }
    }

    /** A keyed log: adds each new line's mac (an HMAC of its hash, as the file log does), in the append's transaction. */
    private void seal(Connection c, List<AuditLog.Entry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE decisions SET line = left(line, -1) || ',\"mac\":\"' || ? || '\"}' WHERE seq = ?")) {
            for (AuditLog.Entry e : entries) {
                ps.setString(1, key.mac(e.hash()));
                ps.setLong(2, e.seq());
                ps.addBatch();
            }
            ps.executeBatch();
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
            // A scan of every row: on a log of millions it outlasts the statement timeout meant for appends
            // and queries, so this one read-only transaction runs without it.
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("SET LOCAL statement_timeout = 0");
            }
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
            c.rollback();
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
        return found("SELECT line FROM decisions" + where.sql() + " ORDER BY seq", where.parameters());
    }

    @Override
    public List<Found> findNewest(Filter filter, int limit) {
        Where where = where(filter);
        List<Object> parameters = new ArrayList<>(where.parameters());
        parameters.add(limit);
        return found("SELECT line FROM decisions" + where.sql() + " ORDER BY seq DESC LIMIT ?", parameters);
    }

    /** The decisions a query's {@code line} column holds, in the query's order. */
    private List<Found> found(String sql, List<Object> parameters) {
        List<Found> found = new ArrayList<>();
        try (Lines lines = new RowLines(sql, parameters)) {
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
