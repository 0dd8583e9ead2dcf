package org.massageadvisor.audit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The throw-away PostgreSQL cluster the tests use: {@code .ci/pg-start} starts one and sets
 * {@code ADVISOR_TEST_PG} (its URL) and {@code ADVISOR_TEST_PG_CTL} (pg_ctl for it). Each test takes a
 * log in a schema of its own. Under CI ({@code CI=true}) a missing cluster fails the test: the
 * decision log's guarantees must be checked against a real database there, never skipped.
 */
public final class TestPostgres {

    private TestPostgres() {
    }

    /** The cluster's URL, or the test stops here (fails under CI, is skipped with a hint elsewhere). */
    public static String url() {
        String url = System.getenv("ADVISOR_TEST_PG");
        if (url == null || url.isBlank()) {
            String hint = "ADVISOR_TEST_PG is not set: start a throw-away cluster with eval \"$(.ci/pg-start)\" (docs/audit.md)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(hint + "; .ci/run does this, so under CI this is a broken setup");
            }
            assumeTrue(false, "no PostgreSQL for this test: " + hint);
        }
        return url;
    }

    /** A new, empty log: the cluster's database in a schema of its own. */
    public static String freshLog() {
        return url() + "?schema=t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** A plain JDBC connection to a log's schema, for tampering with it as an outsider would. */
    static Connection connect(String log) throws SQLException {
        PostgresUrl url = PostgresUrl.parse(log);
        Properties p = new Properties();
        p.setProperty("user", url.user());
        if (url.schema() != null) {
            p.setProperty("currentSchema", url.schema());
        }
        return DriverManager.getConnection(url.jdbcUrl(), p);
    }

    /** Runs the cluster's pg_ctl ({@code stop}, {@code start}, ...) and waits for it. */
    public static void ctl(String... args) throws IOException, InterruptedException {
        String ctl = System.getenv("ADVISOR_TEST_PG_CTL");
        if (ctl == null || !Files.isExecutable(Path.of(ctl))) {
            String hint = "ADVISOR_TEST_PG_CTL is not set: the fault tests restart the cluster .ci/pg-start made";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(hint);
            }
            assumeTrue(false, hint);
        }
        String[] command = new String[args.length + 1];
        command[0] = ctl;
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed");
        }
    }

    /** The first column of every row a query gives, in its order. */
    static java.util.List<String> strings(String log, String sql) throws SQLException {
        java.util.List<String> values = new java.util.ArrayList<>();
        try (Connection c = connect(log); java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** The log verified as 'advisor audit verify' does. */
    static AuditVerifier.Result verify(String log) {
        try (DecisionLog l = DecisionLogs.open(log)) {
            return AuditVerifier.verify(l);
        }
    }
}
