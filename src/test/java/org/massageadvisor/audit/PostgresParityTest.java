package org.massageadvisor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.InputException;
import org.massageadvisor.engine.Evaluator;

/**
 * What the database log shares with the file log beyond the plain chain: lines sealed with an HMAC key
 * verify with that key in either form, and lines the database hashes itself (the one-round-trip append)
 * hash exactly as the file log's, non-ASCII text included.
 */
class PostgresParityTest {

    private static final AuditKey KEY = AuditKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final AuditKey OTHER = AuditKey.of("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path temp;

    private static void write(DecisionLog log, String... ids) {
        Evaluator evaluator = TestRules.evaluator();
        for (String id : ids) {
            Client c = TestRules.client().bodyResponse("SORE").build().withId(id);
            log.append(evaluator.evaluate(c, false), c, evaluator.ruleBase());
        }
    }

    @Test
    void aKeyedFileLogImportedAndAppendedToInTheDatabaseVerifiesWithItsKeyAndExportsToTheSameBytes() throws Exception {
        Path file = temp.resolve("keyed").resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLogs.open(file.toString(), KEY)) {
            write(log, "a", "b");
        }
        String db = TestPostgres.freshLog();
        try (DecisionLog source = DecisionLogs.openExisting(file.toString())) {
            ChainTransfer.copy(source, db);
        }
        try (DecisionLog log = DecisionLogs.open(db, KEY)) {
            write(log, "c");
            assertThat(log.appendAll(List.of()).size()).isZero();
        }
        try (DecisionLog log = DecisionLogs.open(db)) {
            AuditVerifier.Result keyed = AuditVerifier.verify(log, KEY, null);
            assertThat(keyed.problem()).isNull();
            assertThat(keyed.lines()).isEqualTo(3);
            AuditVerifier.Result wrong = AuditVerifier.verify(log, OTHER, null);
            assertThat(wrong.problem()).startsWith("the mac does not match this key");
            // The chain alone verifies without the key, as for the file.
            assertThat(AuditVerifier.verify(log).problem()).isNull();

            Path exported = temp.resolve("exported").resolve("decisions.jsonl");
            ChainTransfer.Result moved = ChainTransfer.copy(log, exported.toString());
            AuditVerifier.Result fromFile = AuditVerifier.verify(exported, KEY, null);
            assertThat(fromFile.problem()).isNull();
            assertThat(fromFile.lastHash()).isEqualTo(keyed.lastHash()).isEqualTo(moved.head());
            // The first two lines are the file's own bytes; the third was sealed by the database log with the same key.
            List<String> original = Files.readAllLines(file);
            assertThat(Files.readAllLines(exported).subList(0, 2)).isEqualTo(original);
            assertThat(AuditLog.macOf(Files.readAllLines(exported).get(2))).isEqualTo(KEY.mac(fromFile.lastHash()));
        }
    }

    @Test
    void aKeyedDatabaseLogRefusesAPlainWriterAndAPlainOneRefusesAKeyedWriter() {
        String keyed = TestPostgres.freshLog();
        try (DecisionLog log = DecisionLogs.open(keyed, KEY)) {
            write(log, "a");
        }
        try (DecisionLog log = DecisionLogs.open(keyed)) {
            assertThatThrownBy(() -> write(log, "b")).isInstanceOf(InputException.class).hasMessageContaining("sealed with a key");
        }
        try (DecisionLog log = DecisionLogs.open(keyed, OTHER)) {
            assertThatThrownBy(() -> write(log, "b")).isInstanceOf(InputException.class).hasMessageContaining("not sealed with this key");
        }
        String plain = TestPostgres.freshLog();
        try (DecisionLog log = DecisionLogs.open(plain)) {
            write(log, "a");
        }
        try (DecisionLog log = DecisionLogs.open(plain, KEY)) {
            assertThatThrownBy(() -> write(log, "b")).isInstanceOf(InputException.class).hasMessageContaining("started without a key");
            assertThat(log.head().seq()).isEqualTo(1);
        }
    }

    @Test
    void linesTheDatabaseHashesMatchTheFileLogsHashingForNonAsciiText() throws Exception {
        String db = TestPostgres.freshLog();
        String[] ids = {"Zoë Ångström", "客户-17", "emoji-\uD83D\uDE00", "quote\"and\\backslash"};
        try (DecisionLog log = DecisionLogs.open(db)) {
            write(log, ids);
            AuditVerifier.Result result = AuditVerifier.verify(log);
            assertThat(result.problem()).isNull();
            assertThat(result.lines()).isEqualTo(4);
            assertThat(log.find(DecisionLog.Filter.ALL)).extracting(DecisionLog.Found::client).containsExactly(ids);
            Path exported = temp.resolve("utf8").resolve("decisions.jsonl");
            ChainTransfer.copy(log, exported.toString());
            assertThat(AuditVerifier.verify(exported).problem()).isNull();
            assertThat(AuditVerifier.verify(exported).lastHash()).isEqualTo(result.lastHash());
        }
    }

    @Test
    void feedbackLinesShareTheDatabaseChainAndExportAsTheFileLogWritesThem() throws Exception {
        String db = TestPostgres.freshLog();
        try (PostgresDecisionLog log = PostgresDecisionLog.open(PostgresUrl.parse(db))) {
            write(log, "a");
            var feedback = AuditLog.MAPPER.createObjectNode().put("service", "massage-interval").put("card", "card-1")
                    .put("outcome", "accepted").put("decisionSeq", 1);
            AuditLog.Entry entry = log.appendFeedback(feedback);
            assertThat(entry.seq()).isEqualTo(2);
            write(log, "b");
            AuditVerifier.Result result = AuditVerifier.verify(log);
            assertThat(result.problem()).isNull();
            assertThat(result.lines()).isEqualTo(3);
            // Queries and replay are about decisions: the feedback line is in the chain but not in their answers.
            assertThat(log.find(DecisionLog.Filter.ALL)).extracting(DecisionLog.Found::client).containsExactly("a", "b");
            assertThat(log.count(DecisionLog.Filter.ALL).decisions()).isEqualTo(2);
            assertThat(AuditReplay.replay(log).differences()).isEmpty();
            Path exported = temp.resolve("feedback").resolve("decisions.jsonl");
            ChainTransfer.copy(log, exported.toString());
            String line = Files.readAllLines(exported).get(1);
            assertThat(line).startsWith("{\"seq\":2,\"kind\":\"feedback\",\"decision\":\"" + entry.decision() + "\",\"timestamp\":")
                    .contains("\"outcome\":\"accepted\"");
            assertThat(AuditVerifier.verify(exported).lastHash()).isEqualTo(result.lastHash());
        }
    }

    @Test
    void concurrentAppendsOnOneInstanceAreWrittenTogetherYetEachCallerGetsItsOwnEntry() throws Exception {
        String db = TestPostgres.freshLog();
        Evaluator evaluator = TestRules.evaluator();
        int n = 120;
        try (DecisionLog log = DecisionLogs.open(db)) {
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<AuditLog.Entry>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                Client c = TestRules.client().bodyResponse("SORE").build().withId("c-" + i);
                futures.add(threads.submit(() -> log.append(evaluator.evaluate(c, false), c, evaluator.ruleBase())));
            }
            java.util.Map<String, AuditLog.Entry> byClient = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) {
                byClient.put("c-" + i, futures.get(i).get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            threads.shutdown();
            assertThat(byClient.values()).extracting(AuditLog.Entry::seq).doesNotHaveDuplicates().allSatisfy(seq -> assertThat(seq).isBetween(1L, (long) n));
            // Every caller's entry names the row that holds its own client's decision.
            for (DecisionLog.Found f : log.find(DecisionLog.Filter.ALL)) {
                AuditLog.Entry e = byClient.get(f.client());
                assertThat(f.seq()).isEqualTo(e.seq());
                assertThat(f.decision()).isEqualTo(e.decision());
            }
            AuditVerifier.Result result = AuditVerifier.verify(log);
            assertThat(result.problem()).isNull();
            assertThat(result.lines()).isEqualTo(n);
        }
    }
}
