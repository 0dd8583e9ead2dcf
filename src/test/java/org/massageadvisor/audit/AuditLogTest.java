package org.massageadvisor.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.TestRules;
import org.massageadvisor.cli.AdvisorCommand;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.InputException;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleFiles;
import org.massageadvisor.recommendation.Recommendation;

class AuditLogTest {

    private static final String RECOVERY_RULE = "Muscles that need recovery wait two more days before the next session";

    @TempDir
    Path temp;

    /** Six decisions; lines 2 (sore) and 4 (fatigued) are the ones the recovery adjustment touches. */
    private static List<Client> clients() {
        return List.of(
                TestRules.client().build().withId("relaxed"),                                                   // 7-14
                TestRules.client().bodyResponse("SORE").build().withId("sore"),                                 // 7-14 +2 = 9-14
                TestRules.client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").build().withId("chronic"),   // 3-7
                TestRules.client().goal("MAINTENANCE").bodyResponse("FATIGUED").build().withId("fatigued"),     // 14-30 +2 = 16-30
                TestRules.client().goal("INJURY_RECOVERY").bodyResponse("SORE").build().withId("referred"),     // REFER either way
                TestRules.client().goal("MAINTENANCE").activityLevel("ATHLETE").build().withId("athlete"));     // 14-30 0/-2 = 14-28
    }

    private Path log() {
        return temp.resolve("audit").resolve("decisions.jsonl");
    }

    private Path writeLog(Evaluator evaluator) {
        try (AuditLog log = AuditLog.open(log())) {
            for (Client c : clients()) {
                log.append(evaluator.evaluate(c, false), c, evaluator.ruleBase());
            }
        }
        return log();
    }

    private Path writeLog() {
        return writeLog(TestRules.evaluator());
    }

    private static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file));
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    private static int cli(StringWriter out, String... args) {
        return AdvisorCommand.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void aLineHoldsTheDecisionItsInputOutputFiringsVersionsAndThePreviousHash() throws IOException {
        Path log = writeLog();
        List<String> lines = lines(log);
        assertThat(lines).hasSize(6);
        JsonNode first = AuditLog.MAPPER.readTree(lines.get(0));
        assertThat(first.fieldNames()).toIterable().containsExactly("seq", "decision", "timestamp", "programVersion", "rulesetVersion",
                "input", "output", "firings", "prev", "hash");
        assertThat(first.get("seq").asLong()).isEqualTo(1);
        assertThat(first.get("prev").asText()).isEqualTo(Hashes.GENESIS);
        assertThat(first.get("programVersion").asText()).isEqualTo("advisor 0.1.0");
        assertThat(first.get("rulesetVersion").asText()).isEqualTo(TestRules.evaluator().ruleBase().version());
        JsonNode second = AuditLog.MAPPER.readTree(lines.get(1));
        assertThat(second.get("input").get("bodyResponse").get(0).asText()).isEqualTo("SORE");
        // Relaxation 7-14, +2 for soreness = 9-14.
        assertThat(second.get("output").get("interval").get("minDays").asInt()).isEqualTo(9);
        assertThat(second.get("output").get("interval").get("maxDays").asInt()).isEqualTo(14);
        assertThat(second.get("output").has("explanation")).isFalse();
        assertThat(second.get("firings")).extracting(JsonNode::asText).contains(RECOVERY_RULE);
        assertThat(second.get("prev").asText()).isEqualTo(first.get("hash").asText());
        assertThat(first.get("hash").asText()).isEqualTo(Hashes.sha256(AuditLog.unsealed(lines.get(0))));
    }

    @Test
    void theRuleSetIsArchivedOnceByItsHashWithItsExactFiles() throws IOException {
        Path log = writeLog();
        String version = TestRules.evaluator().ruleBase().version();
        Path archived = log.getParent().resolve("rulesets").resolve(version.substring("sha256:".length()));
        assertThat(Files.readAllBytes(archived.resolve("goal-ranges.csv"))).isEqualTo(Files.readAllBytes(TestRules.RULES.resolve("goal-ranges.csv")));
        assertThat(RuleFiles.read(archived).version()).isEqualTo(version);
        try (Stream<Path> sets = Files.list(log.getParent().resolve("rulesets"))) {
            assertThat(sets.toList()).containsExactly(archived);
        }
    }

    @Test
    void anUntouchedLogVerifies() {
        AuditVerifier.Result result = AuditVerifier.verify(writeLog());
        assertThat(result.intact()).isTrue();
        assertThat(result.lines()).isEqualTo(6);
        StringWriter out = new StringWriter();
        assertThat(cli(out, "audit", "verify", log().toString())).isZero();
        assertThat(out.toString()).startsWith(log() + ": 6 decisions, chain intact (last hash sha256:");
    }

    @Test
    void anEditedLineIsFoundByItsNumber() throws IOException {
        Path log = writeLog();
        List<String> lines = lines(log);
        lines.set(2, lines.get(2).replace("\"minDays\":3", "\"minDays\":4"));
        write(log, lines);
        StringWriter out = new StringWriter();
        assertThat(cli(out, "audit", "verify", log.toString())).isEqualTo(1);
        assertThat(out.toString().trim()).isEqualTo(log + ":3: edited: the line's content no longer matches its hash");
    }

    @Test
    void anEditedLineWhoseOwnHashWasRecomputedIsFoundByTheLineAfterIt() throws IOException {
        Path log = writeLog();
        List<String> lines = lines(log);
        ObjectNode node = (ObjectNode) AuditLog.MAPPER.readTree(lines.get(2));
        node.remove("hash");
        ((ObjectNode) node.get("output").get("interval")).put("minDays", 4);
        lines.set(2, AuditLog.sealed(node));
        write(log, lines);
        AuditVerifier.Result result = AuditVerifier.verify(log);
        assertThat(result.badLine()).isEqualTo(4);
        assertThat(result.problem()).startsWith("does not follow line 3");
    }

    @Test
    void aRemovedLineIsFoundByItsNumber() throws IOException {
        Path log = writeLog();
        List<String> lines = lines(log);
        lines.remove(2);
        write(log, lines);
        StringWriter out = new StringWriter();
        assertThat(cli(out, "audit", "verify", log.toString())).isEqualTo(1);
        assertThat(out.toString().trim()).isEqualTo(log + ":3: decision #4 where #3 was expected: a line was removed before it, or lines were reordered");
    }

    @Test
    void reorderedLinesAreFoundAtTheFirstMovedOne() throws IOException {
        Path log = writeLog();
        List<String> lines = lines(log);
        String second = lines.get(1);
        lines.set(1, lines.get(3));
        lines.set(3, second);
        write(log, lines);
        AuditVerifier.Result result = AuditVerifier.verify(log);
        assertThat(result.badLine()).isEqualTo(2);
        assertThat(result.problem()).startsWith("decision #4 where #2 was expected");
        assertThat(result.lines()).isEqualTo(1);
    }

    @Test
    void aCutLastLineIsFound() throws IOException {
        Path log = writeLog();
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        AuditVerifier.Result result = AuditVerifier.verify(log);
        assertThat(result.badLine()).isEqualTo(6);
        assertThat(result.problem()).startsWith("the last line is incomplete");
        assertThatThrownBy(() -> writeLog()).isInstanceOf(InputException.class).hasMessageContaining("the last line is incomplete");
    }

    @Test
    void replayingAnUntouchedLogGivesZeroDifferences() {
        Path log = writeLog();
        AuditReplay.Report report = AuditReplay.replay(log);
        assertThat(report.decisions()).isEqualTo(6);
        assertThat(report.differences()).isEmpty();
        StringWriter out = new StringWriter();
        assertThat(cli(out, "audit", "replay", log.toString())).isZero();
        assertThat(out.toString().trim()).isEqualTo("replayed 6 decisions with their archived rule sets: 0 differ");
    }

    @Test
    void replayUsesTheArchivedRulesEvenAfterTheLiveRulesChanged() throws IOException {
        Path rules = copyOfShippedRules("live");
        Path log = writeLog(new Evaluator(RuleBase.load(rules)));
        editRecoveryRule(rules);
        assertThat(AuditReplay.replay(log).differences()).isEmpty();
    }

    @Test
    void replayAgainstAnEditedRuleReportsExactlyTheDecisionsItChanges() throws IOException {
        Path log = writeLog();
        Path edited = copyOfShippedRules("edited");
        editRecoveryRule(edited);
        AuditReplay.Report report = AuditReplay.replayAgainst(log, edited);
        // Only the sore (line 2) and fatigued (line 4) clients get the recovery adjustment; the sore injury client is referred either way.
        assertThat(report.differences()).extracting(AuditReplay.Difference::line).containsExactly(2, 4);
        assertThat(report.differences()).extracting(AuditReplay.Difference::client).containsExactly("sore", "fatigued");
        AuditReplay.Difference sore = report.differences().get(0);
        assertThat(sore.before()).isEqualTo("RECOMMENDED 9-14 days; ALLOW_RECOVERY(SORE)");
        assertThat(sore.after()).isEqualTo("RECOMMENDED 10-14 days; ALLOW_RECOVERY(SORE)");
        assertThat(report.byRuleChange()).containsExactly(java.util.Map.entry("edited: " + RECOVERY_RULE, 2));
        StringWriter out = new StringWriter();
        assertThat(cli(out, "audit", "replay", log.toString(), "--against", edited.toString())).isZero();
        assertThat(out.toString()).contains("2 would change").contains("By rule change:").contains("2  edited: " + RECOVERY_RULE);
    }

    @Test
    void replayAgainstAConditionEditCountsTheRulesThatNoLongerFire() throws IOException {
        Path log = writeLog();
        Path edited = copyOfShippedRules("edited");
        Path file = edited.resolve("activity-level.drl");
        String drl = Files.readString(file);
        assertThat(drl).contains("Client( activityLevel == \"ATHLETE\" )");
        Files.writeString(file, drl.replace("Client( activityLevel == \"ATHLETE\" )", "Client( activityLevel == \"MODERATE\" )"));
        AuditReplay.Report report = AuditReplay.replayAgainst(log, edited);
        // Only the athlete (line 6) loses the active-lifestyle adjustment: 14-28 becomes 14-30 (maintenance 14-30).
        assertThat(report.differences()).extracting(AuditReplay.Difference::line).containsExactly(6);
        AuditReplay.Difference athlete = report.differences().get(0);
        assertThat(athlete.before()).isEqualTo("RECOMMENDED 14-28 days");
        assertThat(athlete.after()).isEqualTo("RECOMMENDED 14-30 days");
        assertThat(athlete.ruleChanges()).containsExactly("no longer fires: Athletes lead a physically demanding life",
                "no longer fires: A physically demanding life may bring sessions sooner than a sedentary one");
        assertThat(report.byRuleChange()).containsOnlyKeys(athlete.ruleChange());
    }

    @Test
    void aTamperedArchiveIsRefused() throws IOException {
        Path log = writeLog();
        Path archived = log.getParent().resolve("rulesets").resolve(TestRules.evaluator().ruleBase().version().substring(7));
        editRecoveryRule(archived);
        assertThatThrownBy(() -> AuditReplay.replay(log)).isInstanceOf(InputException.class)
                .hasMessageContaining("the archived rule set was altered");
    }

    @Test
    void twoWritersAppendingAtOnceKeepOneValidChain() throws Exception {
        Evaluator evaluator = TestRules.evaluator();
        List<Client> clients = clients();
        Callable<Void> writer = () -> {
            try (AuditLog log = AuditLog.open(log())) {
                for (int i = 0; i < 100; i++) {
                    Client c = clients.get(i % clients.size());
                    Recommendation r = evaluator.evaluate(c, false);
                    if (i % 10 == 0) {
                        log.appendAll(List.of(new AuditLog.Decision(r, c, evaluator.ruleBase()), new AuditLog.Decision(r, c, evaluator.ruleBase())));
                    } else {
                        log.append(r, c, evaluator.ruleBase());
                    }
                }
            }
            return null;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> done = pool.invokeAll(List.of(writer, writer));
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        AuditVerifier.Result result = AuditVerifier.verify(log());
        assertThat(result.problem()).isNull();
        assertThat(result.lines()).isEqualTo(2 * 110);
        assertThat(AuditReplay.replay(log()).differences()).isEmpty();
    }

    @Test
    void evaluateAuditAppendsTheDecision() throws IOException {
        Path profile = temp.resolve("client.yaml");
        Files.writeString(profile, "id: c1\ngoal: CHRONIC_PAIN\nmassageType: DEEP_TISSUE\nbodyResponse: [SORE]\nconditions: [HERNIATED_DISC]\n"
                + "activityLevel: SEDENTARY\n");
        StringWriter out = new StringWriter();
        assertThat(cli(out, "evaluate", profile.toString(), "--audit", log().toString())).isZero();
        assertThat(cli(out, "evaluate", profile.toString(), "--json", "--audit", log().toString())).isZero();
        List<String> lines = lines(log());
        assertThat(lines).hasSize(2);
        JsonNode interval = AuditLog.MAPPER.readTree(lines.get(1)).get("output").get("interval");
        assertThat(interval.get("minDays").asInt()).isEqualTo(5);
        assertThat(interval.get("maxDays").asInt()).isEqualTo(7);
        assertThat(AuditVerifier.verify(log()).intact()).isTrue();
    }

    private static void editRecoveryRule(Path rules) throws IOException {
        // The recovery margin is the Margin days cell of body-response.csv.
        Path file = rules.resolve("body-response.csv");
        String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(csv).contains("the next session,X,2,5,");
        Files.writeString(file, csv.replace("the next session,X,2,5,", "the next session,X,3,5,"));
    }

    private Path copyOfShippedRules(String name) throws IOException {
        Path copy = temp.resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(TestRules.RULES)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }
}
