package org.massageadvisor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.audit.AuditVerifier;
import org.massageadvisor.engine.RuleFiles;

/** The service on a copy of the rules: edits go live only once they pass; every decision can be logged. */
class LiveRulesServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELAXED = "{\"goal\":\"RELAXATION\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"SEDENTARY\"}";

    @TempDir
    Path tmp;

    private static JsonNode health(RunningService svc) {
        try {
            return JSON.readTree(svc.get("/health").body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBrokenEditLeavesTheOldRulesServingAndIsReportedThenAGoodOneGoesLive() throws Exception {
        Path rules = RuleFolders.copyShippedAsDrl(tmp.resolve("rules"));
        try (RunningService svc = RunningService.start(rules, List.of(), 1 << 20)) {
            String old = RuleFiles.read(rules).version();
            Path file = rules.resolve("goal-ranges.drl");
            String good = RuleFolders.read(file);
            RuleFolders.write(file, good.replace("new BaseRange( 7, 14 )", "new BaseRange( 7, 14 "));
            RunningService.await(Duration.ofSeconds(60), "the refused edit on /health", () -> health(svc).has("rulesRefused"));
            JsonNode h = health(svc);
            assertThat(h.get("rulesetVersion").asText()).isEqualTo(old);
            assertThat(h.get("rulesRefused").get("reasons").toString()).contains("goal-ranges.drl");
            // Still answering, with the old rules: relaxation 7-14 (a gentle type keeps the goal's range).
            JsonNode r = JSON.readTree(svc.postJson("/v1/recommendations", RELAXED).body());
            assertThat(r.get("interval").toString()).isEqualTo("{\"minDays\":7,\"maxDays\":14}");
            assertThat(r.get("rulesetVersion").asText()).isEqualTo(old);
            assertThat(svc.get("/").body()).contains("id=\"rules-refused\"").contains("goal-ranges.drl");

            // Relaxation now starts at 8-14, and nothing else applies.
            RuleFolders.write(file, good.replace("new BaseRange( 7, 14 )", "new BaseRange( 8, 14 )"));
            String fixed = RuleFiles.read(rules).version();
            RunningService.await(Duration.ofSeconds(60), "the fixed edit going live",
                    () -> health(svc).get("rulesetVersion").asText().equals(fixed));
            assertThat(health(svc).has("rulesRefused")).isFalse();
            JsonNode after = JSON.readTree(svc.postJson("/v1/recommendations", RELAXED).body());
            assertThat(after.get("interval").toString()).isEqualTo("{\"minDays\":8,\"maxDays\":14}");
            assertThat(after.get("rulesetVersion").asText()).isEqualTo(fixed);
            assertThat(svc.get("/metrics").body()).contains("advisor_rule_reloads_total{outcome=\"refused\"}")
                    .contains("advisor_rule_reloads_total{outcome=\"live\"} 2.0");
        }
    }

    @Test
    void withAnAuditLogEveryDecisionIsAppendedOnAValidChain() throws Exception {
        Path log = tmp.resolve("log").resolve("decisions.jsonl");
        try (RunningService svc = RunningService.start(Path.of("rules-drl"), List.of(), 1 << 20, log)) {
            assertThat(svc.postJson("/v1/recommendations", RELAXED.replace("{", "{\"id\":\"one\",")).statusCode()).isEqualTo(200);
            assertThat(svc.postJson("/v1/explanations", RELAXED.replace("{", "{\"id\":\"two\",")).statusCode()).isEqualTo(200);
            assertThat(svc.post("/v1/recommendations/batch", "application/x-ndjson", RELAXED + "\n{\"goal\":1}\n" + RELAXED + "\n")
                    .statusCode()).isEqualTo(200);
            assertThat(svc.postJson("/v1/recommendations", "{\"goal\":\"NOPE\"}").statusCode()).isEqualTo(400);
        }
        List<String> lines = Files.readAllLines(log);
        // one + two + the batch's two good lines; rejected input is not a decision.
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("\"id\":\"one\"");
        assertThat(lines.get(1)).contains("\"id\":\"two\"");
        assertThat(lines.get(2)).contains("\"id\":\"record-1\"");
        assertThat(lines.get(3)).contains("\"id\":\"record-3\"");
        AuditVerifier.Result verified = AuditVerifier.verify(log);
        assertThat(verified.problem()).isNull();
        assertThat(verified.lines()).isEqualTo(4);
    }
}
