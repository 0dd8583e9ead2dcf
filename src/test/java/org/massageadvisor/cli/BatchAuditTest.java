package org.massageadvisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.TestRules;

/** {@code advisor batch --audit}: one decision line per evaluated record, in input order, on a valid chain. */
class BatchAuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int advisor(String... args) {
        return AdvisorCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static String interval(JsonNode output) {
        JsonNode i = output.get("interval");
        return i.isNull() ? "none" : i.get("minDays").asInt() + "-" + i.get("maxDays").asInt();
    }

    /** A line without what differs from run to run: the decision id, timestamp and the hashes that cover them. */
    private static JsonNode stable(JsonNode line) {
        ObjectNode copy = line.deepCopy();
        copy.remove(List.of("decision", "timestamp", "prev", "hash"));
        return copy;
    }

    /** Hand-checked records; the bad one (line 4) is rejected and not logged. */
    @Test
    void everyEvaluatedRecordIsOneDecisionInInputOrderOnAChainThatVerifiesAndReplays() throws IOException {
        Path csv = dir.resolve("clients.csv");
        Files.writeString(csv, """
                id,goal,massageType,bodyResponse,conditions,activityLevel
                c1,CHRONIC_PAIN,DEEP_TISSUE,SORE,HERNIATED_DISC,SEDENTARY
                c2,RELAXATION,SWEDISH,SORE,,SEDENTARY
                c3,MAINTENANCE,SWEDISH,,,ATHLETE
                bad,NAPPING,SWEDISH,,,SEDENTARY
                ,INJURY_RECOVERY,DEEP_TISSUE,,,MODERATE
                """);
        Path log = dir.resolve("audit").resolve("decisions.jsonl");
        Path report = dir.resolve("report.jsonl");

        int code = advisor("batch", csv.toString(), "--out", report.toString(), "--audit", log.toString(), "--quiet");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("Audit log: " + log + " (4 decisions appended)");
        List<JsonNode> entries = lines(log);
        assertThat(entries).extracting(e -> e.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(entries).extracting(e -> e.get("input").get("id").asText()).containsExactly("c1", "c2", "c3", "record-5");
        assertThat(entries).extracting(e -> e.get("output").get("id").asText()).containsExactly("c1", "c2", "c3", "record-5");
        // c1: the worked example, 3-7 +2 (sore) = 5-7; c2: 7-14 +2 (sore) = 9-14;
        // c3: 14-30 0/-2 (athlete) = 14-28; record-5: injury recovery without approval or guidance is referred.
        assertThat(entries).extracting(e -> interval(e.get("output"))).containsExactly("5-7", "9-14", "14-28", "none");
        assertThat(entries.get(3).get("output").get("status").asText()).isEqualTo("REFER");
        // The full input profile, as evaluate logs it.
        JsonNode c1 = entries.get(0).get("input");
        assertThat(c1.get("goal").asText()).isEqualTo("CHRONIC_PAIN");
        assertThat(c1.get("massageType").asText()).isEqualTo("DEEP_TISSUE");
        assertThat(c1.get("bodyResponse")).extracting(JsonNode::asText).containsExactly("SORE");
        assertThat(c1.get("conditions")).extracting(JsonNode::asText).containsExactly("HERNIATED_DISC");
        assertThat(c1.get("activityLevel").asText()).isEqualTo("SEDENTARY");
        assertThat(entries.get(0).get("output").get("warnings")).extracting(w -> w.get("code").asText() + "(" + w.get("subject").asText() + ")")
                .containsExactlyInAnyOrder("ALLOW_RECOVERY(SORE)", "CONSULT_DOCTOR(HERNIATED_DISC)");
        assertThat(entries.get(0).get("rulesetVersion").asText()).isEqualTo(TestRules.evaluator().ruleBase().version());
        assertThat(entries.get(0).get("firings")).isNotEmpty();
        // The rule set is archived beside the log on first use.
        Path archived = log.getParent().resolve("rulesets").resolve(TestRules.evaluator().ruleBase().version().substring("sha256:".length()));
        assertThat(archived.resolve("goal-ranges.csv")).hasSameBinaryContentAs(TestRules.RULES.resolve("goal-ranges.csv"));

        StringWriter verify = new StringWriter();
        assertThat(AdvisorCommand.run(new String[] {"audit", "verify", log.toString()}, new PrintWriter(verify, true),
                new PrintWriter(new StringWriter(), true))).isZero();
        assertThat(verify.toString()).startsWith(log + ": 4 decisions, chain intact");
        StringWriter replay = new StringWriter();
        assertThat(AdvisorCommand.run(new String[] {"audit", "replay", log.toString()}, new PrintWriter(replay, true),
                new PrintWriter(new StringWriter(), true))).isZero();
        assertThat(replay.toString().trim()).isEqualTo("replayed 4 decisions with their archived rule sets: 0 differ");
    }

    /** The same profile logged by evaluate and by batch gives the same line but for id, time and hashes: one line builder. */
    @Test
    void aBatchDecisionIsLoggedLikeAnEvaluateDecisionAndContinuesItsChain() throws IOException {
        Path profile = dir.resolve("c1.yaml");
        Files.writeString(profile, "id: c1\ngoal: CHRONIC_PAIN\nmassageType: DEEP_TISSUE\nbodyResponse: [SORE]\nconditions: [HERNIATED_DISC]\n"
                + "activityLevel: SEDENTARY\n");
        Path log = dir.resolve("decisions.jsonl");
        assertThat(advisor("evaluate", profile.toString(), "--audit", log.toString())).isZero();
        assertThat(advisor("batch", profile.toString(), "--out", dir.resolve("r.jsonl").toString(), "--audit", log.toString(), "--quiet"))
                .as(err.toString()).isZero();

        List<JsonNode> entries = lines(log);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1).get("seq").asLong()).isEqualTo(2);
        assertThat(entries.get(1).get("prev").asText()).isEqualTo(entries.get(0).get("hash").asText());
        ObjectNode fromEvaluate = (ObjectNode) stable(entries.get(0));
        ObjectNode fromBatch = (ObjectNode) stable(entries.get(1));
        fromEvaluate.remove("seq");
        fromBatch.remove("seq");
        assertThat(fromBatch).isEqualTo(fromEvaluate);
    }

    /** Several chunks, one and four threads, cache on and off: the same decisions in the report's order. */
    @Test
    void theLoggedDecisionsDoNotDependOnThreadsOrTheCache() throws IOException {
        Path csv = dir.resolve("generated.csv");
        assertThat(advisor("generate", "--count", "700", "--seed", "7", "--format", "csv", "--out", csv.toString())).isZero();
        List<List<JsonNode>> runs = new ArrayList<>();
        String[][] variants = {{"--threads", "1"}, {"--threads", "4"}, {"--threads", "4", "--no-cache"}};
        for (int i = 0; i < variants.length; i++) {
            Path log = dir.resolve("log" + i).resolve("decisions.jsonl");
            Path report = dir.resolve("report" + i + ".jsonl");
            List<String> args = new ArrayList<>(List.of("batch", csv.toString(), "--out", report.toString(), "--audit", log.toString(), "--quiet"));
            args.addAll(List.of(variants[i]));
            assertThat(advisor(args.toArray(String[]::new))).as(err.toString()).isZero();
            List<JsonNode> entries = lines(log);
            assertThat(entries).hasSize(700);
            // Input order: the log's clients are the report's, line for line, and the generator's client-1 .. client-700.
            List<String> reportIds = lines(report).stream().map(r -> r.get("id").asText()).toList();
            assertThat(entries).extracting(e -> e.get("input").get("id").asText()).isEqualTo(reportIds);
            assertThat(reportIds.get(0)).isEqualTo("client-1");
            assertThat(reportIds.get(699)).isEqualTo("client-700");
            StringWriter verify = new StringWriter();
            assertThat(AdvisorCommand.run(new String[] {"audit", "verify", log.toString()}, new PrintWriter(verify, true),
                    new PrintWriter(new StringWriter(), true))).as(verify.toString()).isZero();
            runs.add(entries.stream().map(BatchAuditTest::stable).toList());
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(2)).isEqualTo(runs.get(0));
    }

    /** A log whose last line was cut is not appended to: the batch stops with exit 2 and writes no report. */
    @Test
    void aDamagedLogStopsTheBatchBeforeAnyReport() throws IOException {
        Path profile = dir.resolve("c1.yaml");
        Files.writeString(profile, "id: c1\ngoal: RELAXATION\nmassageType: SWEDISH\nactivityLevel: SEDENTARY\n");
        Path log = dir.resolve("decisions.jsonl");
        assertThat(advisor("evaluate", profile.toString(), "--audit", log.toString())).isZero();
        String text = Files.readString(log);
        Files.writeString(log, text.substring(0, text.length() - 10));
        Path report = dir.resolve("r.jsonl");

        int code = advisor("batch", profile.toString(), "--out", report.toString(), "--audit", log.toString(), "--quiet");

        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("the last line is incomplete").doesNotContain("Exception");
        assertThat(report).doesNotExist();
        assertThat(Files.readString(log)).isEqualTo(text.substring(0, text.length() - 10));
    }
}
