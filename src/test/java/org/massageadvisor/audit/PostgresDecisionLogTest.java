package org.massageadvisor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.cli.AdvisorCommand;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.InputException;
import org.massageadvisor.engine.Evaluator;

/** The PostgreSQL decision log against a real server (the throw-away cluster of .ci/pg-start). */
class PostgresDecisionLogTest {

    private static final String HERNIATED_DISC_RULE = "A herniated disc needs a doctor's advice";
    private static final String ATHLETE_RULE = "Athletes lead a physically demanding life";

    @TempDir
    Path temp;

    /**
     * Four decisions whose warnings are worked out by hand: client-17 (chronic pain, deep tissue, sore,
     * herniated disc) gets ALLOW_RECOVERY(SORE) and CONSULT_DOCTOR(HERNIATED_DISC) and is logged twice;
     * a sore relaxation client gets ALLOW_RECOVERY(SORE); a maintenance athlete gets no warning.
     */
    private static List<Client> clients() {
        Client c17 = TestRules.client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("SORE").conditions("HERNIATED_DISC")
                .build().withId("client-17");
        return List.of(c17, TestRules.client().bodyResponse("SORE").build().withId("sore"),
                TestRules.client().goal("MAINTENANCE").activityLevel("ATHLETE").build().withId("athlete"), c17);
    }

    private static void write(DecisionLog log) {
        Evaluator evaluator = TestRules.evaluator();
        for (Client c : clients()) {
            log.append(evaluator.evaluate(c, false), c, evaluator.ruleBase());
        }
    }

    private static int cli(StringWriter out, StringWriter err, String... args) {
        return AdvisorCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void appendedDecisionsFormOneChainThatVerifiesAndReplays() {
        String url = TestPostgres.freshLog();
        try (DecisionLog log = DecisionLogs.open(url)) {
            write(log);
            AuditVerifier.Result result = AuditVerifier.verify(log);
            assertThat(result.problem()).isNull();
            assertThat(result.lines()).isEqualTo(4);
            assertThat(log.head()).isEqualTo(new DecisionLog.Head(4, result.lastHash()));
            assertThat(AuditReplay.replay(log).differences()).isEmpty();
        }
        StringWriter out = new StringWriter();
        assertThat(cli(out, new StringWriter(), "audit", "verify", url)).isZero();
        assertThat(out.toString()).startsWith(url + ": 4 decisions, chain intact (last hash sha256:");
    }

    @Test
    void exportAndImportMoveTheChainUnchangedSoVerifyReportsTheSameHead() throws IOException {
        String db = TestPostgres.freshLog();
        try (DecisionLog log = DecisionLogs.open(db)) {
            write(log);
        }
        Path file = temp.resolve("export").resolve("decisions.jsonl");
        StringWriter out = new StringWriter();
        assertThat(cli(out, new StringWriter(), "audit", "verify", db)).isZero();
        String dbHead = out.toString().substring(out.toString().indexOf("(last hash"));
        assertThat(cli(out, new StringWriter(), "audit", "export", db, "--to", file.toString())).isZero();
        assertThat(AuditVerifier.verify(file).toString()).isEqualTo(file + ": 4 decisions, chain intact " + dbHead.strip());
        assertThat(AuditReplay.replay(file).differences()).isEmpty();

        String again = TestPostgres.freshLog();
        assertThat(cli(out, new StringWriter(), "audit", "import", file.toString(), "--to", again)).isZero();
        try (DecisionLog log = DecisionLogs.open(again)) {
            assertThat(AuditVerifier.verify(log).toString()).isEqualTo(again + ": 4 decisions, chain intact " + dbHead.strip());
            assertThat(AuditReplay.replay(log).differences()).isEmpty();
        }
        // Byte for byte: a second export of the imported log is the same file.
        Path second = temp.resolve("second").resolve("decisions.jsonl");
        assertThat(cli(out, new StringWriter(), "audit", "export", again, "--to", second.toString())).isZero();
        assertThat(Files.readString(second)).isEqualTo(Files.readString(file));
    }

    @Test
    void aFileLogImportedIntoTheDatabaseKeepsItsHeadAndTakesNewDecisionsOnTheSameChain() {
        Path file = temp.resolve("file").resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLogs.open(file.toString())) {
            write(log);
        }
        String db = TestPostgres.freshLog();
        try (DecisionLog source = DecisionLogs.openExisting(file.toString())) {
            ChainTransfer.Result moved = ChainTransfer.copy(source, db);
            assertThat(moved.decisions()).isEqualTo(4);
            assertThat(moved.head()).isEqualTo(AuditVerifier.verify(file).lastHash());
        }
        try (DecisionLog log = DecisionLogs.open(db)) {
            write(log);
            AuditVerifier.Result result = AuditVerifier.verify(log);
            assertThat(result.problem()).isNull();
            assertThat(result.lines()).isEqualTo(8);
        }
        // Importing into a log that is not empty would merge two chains: refused.
        try (DecisionLog source = DecisionLogs.openExisting(file.toString())) {
            assertThatThrownBy(() -> ChainTransfer.copy(source, db)).isInstanceOf(InputException.class)
                    .hasMessageContaining("already holds 8 decisions");
        }
    }

    @Test
    void timestampsWithNanosecondsThatRoundEitherWayStillAgreeWithTheirRows() throws IOException {
        Path file = temp.resolve("nanos").resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLogs.open(file.toString())) {
            write(log);
        }
        // The database keeps microseconds: a half-microsecond must round the same way for the column as for the line.
        String[] stamps = {"2026-11-30T10:00:00.000000500Z", "2026-11-30T10:00:00.123456500Z", "2026-11-30T10:00:00.999999500Z",
            "2026-11-30T10:00:01Z"};
        List<String> resealed = new ArrayList<>();
        String prev = Hashes.GENESIS;
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) AuditLog.MAPPER.readTree(lines.get(i));
            node.remove("hash");
            node.put("timestamp", stamps[i]);
            node.put("prev", prev);
            String line = AuditLog.sealed(node);
            resealed.add(line);
            prev = line.substring(line.length() - 2 - 71, line.length() - 2);
        }
        Files.writeString(file, String.join("\n", resealed) + "\n");
        assertThat(AuditVerifier.verify(file).intact()).isTrue();
        String db = TestPostgres.freshLog();
        try (DecisionLog source = DecisionLogs.openExisting(file.toString())) {
            ChainTransfer.copy(source, db);
        }
        try (DecisionLog log = DecisionLogs.open(db)) {
            AuditVerifier.Result result = AuditVerifier.verify(log);
            assertThat(result.problem()).isNull();
            assertThat(result.lastHash()).isEqualTo(prev);
        }
    }

    @Test
    void twoInstancesAppendingFromSeveralThreadsAtOnceNeverForkTheChain() throws Exception {
        String url = TestPostgres.freshLog();
        Evaluator evaluator = TestRules.evaluator();
        List<Client> clients = clients();
        try (DecisionLog first = DecisionLogs.open(url); DecisionLog second = DecisionLogs.open(url)) {
            List<Callable<List<AuditLog.Entry>>> writers = new ArrayList<>();
            for (DecisionLog instance : List.of(first, second, first, second)) {
                writers.add(() -> {
                    List<AuditLog.Entry> acknowledged = new ArrayList<>();
                    for (int i = 0; i < 30; i++) {
                        Client c = clients.get(i % clients.size());
                        var r = evaluator.evaluate(c, false);
                        if (i % 10 == 0) {
                            acknowledged.addAll(instance.appendAll(List.of(new AuditLog.Decision(r, c, evaluator.ruleBase()),
                                    new AuditLog.Decision(r, c, evaluator.ruleBase()))));
                        } else {
                            acknowledged.add(instance.append(r, c, evaluator.ruleBase()));
                        }
                    }
                    return acknowledged;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Long> seqs = new ArrayList<>();
            try {
                for (Future<List<AuditLog.Entry>> f : pool.invokeAll(writers)) {
                    f.get().forEach(e -> seqs.add(e.seq()));
                }
            } finally {
                pool.shutdown();
            }
            // 4 writers x (27 single + 3 pairs) = 132 decisions, numbered 1..132 once each.
            assertThat(seqs).hasSize(132).doesNotHaveDuplicates().allMatch(s -> s >= 1 && s <= 132);
            AuditVerifier.Result result = AuditVerifier.verify(first);
            assertThat(result.problem()).isNull();
            assertThat(result.lines()).isEqualTo(132);
        }
    }

    @Test
    void queriesFindAClientsDecisionsAndCountWarningsAndRulesAsTheFileLogDoes() {
        String db = TestPostgres.freshLog();
        Path file = temp.resolve("q").resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLogs.open(db)) {
            write(log);
            ChainTransfer.copy(log, file.toString());
        }
        try (DecisionLog log = DecisionLogs.open(db); DecisionLog fileLog = DecisionLogs.openExisting(file.toString())) {
            for (DecisionLog l : List.of(log, fileLog)) {
                List<DecisionLog.Found> found = l.find(new DecisionLog.Filter("client-17", null, null, null, null));
                assertThat(found).extracting(DecisionLog.Found::seq).containsExactly(1L, 4L);
                assertThat(found.get(0).summary()).isEqualTo("RECOMMENDED 5-7 days; CONSULT_DOCTOR(HERNIATED_DISC), ALLOW_RECOVERY(SORE)");

                DecisionLog.Counts all = l.count(DecisionLog.Filter.ALL);
                assertThat(all.decisions()).isEqualTo(4);
                assertThat(all.byWarning()).containsExactly(Map.entry("ALLOW_RECOVERY", 3L), Map.entry("CONSULT_DOCTOR", 2L));
                assertThat(all.byRule()).containsEntry(HERNIATED_DISC_RULE, 2L).containsEntry(ATHLETE_RULE, 1L);

                assertThat(l.find(new DecisionLog.Filter(null, "CONSULT_DOCTOR", null, null, null))).extracting(DecisionLog.Found::seq)
                        .containsExactly(1L, 4L);
                assertThat(l.find(new DecisionLog.Filter(null, null, ATHLETE_RULE, null, null))).extracting(DecisionLog.Found::client)
                        .containsExactly("athlete");
                Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
                Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
                assertThat(l.count(new DecisionLog.Filter(null, null, null, tomorrow, null)).decisions()).isZero();
                assertThat(l.count(new DecisionLog.Filter(null, null, null, yesterday, tomorrow)).decisions()).isEqualTo(4);
                assertThat(l.count(new DecisionLog.Filter(null, null, null, null, yesterday)).byWarning()).isEmpty();
            }
            assertThat(log.count(DecisionLog.Filter.ALL)).isEqualTo(fileLog.count(DecisionLog.Filter.ALL));
        }
        StringWriter out = new StringWriter();
        assertThat(cli(out, new StringWriter(), "audit", "query", db, "--counts", "--from", "2000-01-01")).isZero();
        assertThat(out.toString()).startsWith("4 decisions from 2000-01-01\nBy warning (decisions that carry it):\n"
                + "        3  ALLOW_RECOVERY\n        2  CONSULT_DOCTOR\nBy rule (decisions in which it fired):\n");
    }

    @Test
    void queryAgainstAnEditedRuleFolderListsTheDecisionsItWouldChange() throws IOException {
        String db = TestPostgres.freshLog();
        try (DecisionLog log = DecisionLogs.open(db)) {
            write(log);
        }
        Path edited = temp.resolve("edited");
        RuleFolders.copyTree(TestRules.RULES, edited);
        Path file = edited.resolve("activity-level.drl");
        String drl = Files.readString(file);
        assertThat(drl).contains("Client( activityLevel == \"ATHLETE\" )");
        Files.writeString(file, drl.replace("Client( activityLevel == \"ATHLETE\" )", "Client( activityLevel == \"MODERATE\" )"));
        StringWriter out = new StringWriter();
        assertThat(cli(out, new StringWriter(), "audit", "query", db, "--against", edited.toString())).isZero();
        // Only the athlete (decision 3) loses the active-lifestyle adjustment: maintenance 14-30 with 0/-2, so 14-28 becomes 14-30.
        assertThat(out.toString()).contains(": 1 would change").containsPattern("3 +athlete +RECOMMENDED 14-28 days +RECOMMENDED 14-30 days");
    }

    @Test
    void batchAuditLogsEveryEvaluatedRecordInInputOrderToTheDatabase() throws IOException {
        String db = TestPostgres.freshLog();
        Path csv = temp.resolve("clients.csv");
        Files.writeString(csv, """
                id,goal,massageType,bodyResponse,conditions,activityLevel
                c1,CHRONIC_PAIN,DEEP_TISSUE,SORE,HERNIATED_DISC,SEDENTARY
                c2,RELAXATION,SWEDISH,SORE,,SEDENTARY
                bad,NAPPING,SWEDISH,,,SEDENTARY
                c3,MAINTENANCE,SWEDISH,,,ATHLETE
                """);
        StringWriter err = new StringWriter();
        int code = cli(new StringWriter(), err, "batch", csv.toString(), "--out", temp.resolve("report.jsonl").toString(), "--audit", db, "--quiet");
        // The bad record is rejected (exit 2) and not logged; the other three are, in input order.
        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("Audit log: " + db + " (3 decisions appended)");
        try (DecisionLog log = DecisionLogs.open(db)) {
            assertThat(log.find(DecisionLog.Filter.ALL)).extracting(DecisionLog.Found::client).containsExactly("c1", "c2", "c3");
            // c1 5-7 (the worked example, warnings most severe first), c2 7-14 +2 sore = 9-14, c3 14-30 0/-2 athlete = 14-28.
            assertThat(log.find(DecisionLog.Filter.ALL)).extracting(DecisionLog.Found::summary).containsExactly(
                    "RECOMMENDED 5-7 days; CONSULT_DOCTOR(HERNIATED_DISC), ALLOW_RECOVERY(SORE)", "RECOMMENDED 9-14 days; ALLOW_RECOVERY(SORE)",
                    "RECOMMENDED 14-28 days");
            assertThat(AuditVerifier.verify(log).intact()).isTrue();
        }
    }

    @Test
    void rowsEditedOrRemovedInTheDatabaseAreFoundByVerify() throws Exception {
        String url = TestPostgres.freshLog();
        try (DecisionLog log = DecisionLogs.open(url)) {
            write(log);
            try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE decisions SET line = replace(line, '\"minDays\":14', '\"minDays\":15') WHERE seq = 3");
                AuditVerifier.Result edited = AuditVerifier.verify(log);
                assertThat(edited.badLine()).isEqualTo(3);
                assertThat(edited.problem()).isEqualTo("edited: the line's content no longer matches its hash");
            }
        }
        try (DecisionLog log = DecisionLogs.open(url); Connection c = TestPostgres.connect(url); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM decisions WHERE seq >= 3");
            AuditVerifier.Result cut = AuditVerifier.verify(log);
            assertThat(cut.lines()).isEqualTo(2);
            assertThat(cut.problem()).startsWith("the head pointer says decision #4").endsWith("rows were removed from the end, or added outside the advisor");
            s.executeUpdate("UPDATE chain_head SET seq = 2, hash = (SELECT hash FROM decisions WHERE seq = 2)");
            assertThat(AuditVerifier.verify(log).intact()).isTrue();
            s.executeUpdate("UPDATE decisions SET decided_at = decided_at - interval '1 day' WHERE seq = 1");
            assertThat(AuditVerifier.verify(log).problem()).isEqualTo("decision #1: its columns disagree with its line (the row was edited outside the advisor)");
            s.executeUpdate("UPDATE decisions SET decided_at = (entry->>'timestamp')::timestamptz WHERE seq = 1");
            s.executeUpdate("DELETE FROM decisions WHERE seq = 1");
            AuditVerifier.Result removed = AuditVerifier.verify(log);
            assertThat(removed.badLine()).isEqualTo(1);
            assertThat(removed.problem()).startsWith("decision #2 where #1 was expected");
        }
    }

    @Test
    void anAlteredRuleSetInTheDatabaseIsRefusedByReplay() throws Exception {
        String url = TestPostgres.freshLog();
        try (DecisionLog log = DecisionLogs.open(url); Connection c = TestPostgres.connect(url); Statement s = c.createStatement()) {
            write(log);
            assertThat(s.executeUpdate("UPDATE ruleset_files SET content = content || '\n'::bytea WHERE path = 'activity-level.drl'")).isOne();
            assertThatThrownBy(() -> AuditReplay.replay(log)).isInstanceOf(InputException.class)
                    .hasMessageContaining("the stored rule set was altered");
        }
    }

    @Test
    void anUnreachableDatabaseIsOneClearErrorWithExitCode2AndNoStackTrace() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "postgresql://advisor@127.0.0.1:" + port + "/decisions";
        assertThatThrownBy(() -> DecisionLogs.open(url)).isInstanceOf(LogUnavailableException.class)
                .hasMessageStartingWith(url + ": cannot open the decision log: ").hasMessageContaining("refused")
                .hasMessageEndingWith("(is the database running and reachable?)");
        Path profile = temp.resolve("client.yaml");
        Files.writeString(profile, "id: c1\ngoal: RELAXATION\nmassageType: SWEDISH\nactivityLevel: SEDENTARY\n");
        StringWriter err = new StringWriter();
        assertThat(cli(new StringWriter(), err, "evaluate", profile.toString(), "--audit", url)).isEqualTo(5);
        assertThat(err.toString()).startsWith("error: " + url + ": cannot open the decision log: ").doesNotContain("\tat ")
                .hasLineCount(1);
    }
}
