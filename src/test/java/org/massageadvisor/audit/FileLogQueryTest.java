package org.massageadvisor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.TestRules;
import org.massageadvisor.cli.AdvisorCommand;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;

/** {@code audit query}, {@code export} and {@code import} on the file log (no database needed). */
class FileLogQueryTest {

    @TempDir
    Path temp;

    /** client-17 twice (ALLOW_RECOVERY and CONSULT_DOCTOR), a sore relaxation client (ALLOW_RECOVERY), an athlete (none). */
    private Path log() {
        Path file = temp.resolve("log").resolve("decisions.jsonl");
        Client c17 = TestRules.client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("SORE").conditions("HERNIATED_DISC")
                .build().withId("client-17");
        Evaluator evaluator = TestRules.evaluator();
        try (DecisionLog log = DecisionLogs.open(file.toString())) {
            for (Client c : List.of(c17, TestRules.client().bodyResponse("SORE").build().withId("sore"),
                    TestRules.client().goal("MAINTENANCE").activityLevel("ATHLETE").build().withId("athlete"), c17)) {
                log.append(evaluator.evaluate(c, false), c, evaluator.ruleBase());
            }
        }
        return file;
    }

    private static int cli(StringWriter out, String... args) {
        return AdvisorCommand.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void aClientsDecisionsAreListedOldestFirst() {
        Path log = log();
        StringWriter out = new StringWriter();
        assertThat(cli(out, "audit", "query", log.toString(), "--client", "client-17")).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("seq  time");
        assertThat(lines.get(1)).startsWith("1  ").contains("client-17  RECOMMENDED 5-7 days; CONSULT_DOCTOR(HERNIATED_DISC), ALLOW_RECOVERY(SORE)");
        assertThat(lines.get(2)).startsWith("4  ");
        assertThat(lines.get(3)).isEqualTo("2 decisions");
    }

    @Test
    void countsByWarningAndRuleCountDecisionsNotWarnings() {
        try (DecisionLog log = DecisionLogs.openExisting(log().toString())) {
            DecisionLog.Counts counts = log.count(DecisionLog.Filter.ALL);
            assertThat(counts.decisions()).isEqualTo(4);
            assertThat(counts.byWarning()).containsExactly(Map.entry("ALLOW_RECOVERY", 3L), Map.entry("CONSULT_DOCTOR", 2L));
            assertThat(counts.byRule()).containsEntry("A herniated disc needs a doctor's advice", 2L)
                    .containsEntry("Athletes lead a physically demanding life", 1L);
        }
    }

    @Test
    void aBadDateIsBadUsage() {
        StringWriter out = new StringWriter();
        assertThat(cli(out, "audit", "query", log().toString(), "--counts", "--from", "30/11/2026")).isEqualTo(2);
    }

    @Test
    void exportToANewFileKeepsTheChainAndRefusesToOverwrite() throws IOException {
        Path log = log();
        Path copy = temp.resolve("copy").resolve("decisions.jsonl");
        StringWriter out = new StringWriter();
        assertThat(cli(out, "audit", "export", log.toString(), "--to", copy.toString())).isZero();
        assertThat(Files.readString(copy)).isEqualTo(Files.readString(log));
        assertThat(AuditReplay.replay(copy).differences()).isEmpty();
        assertThat(cli(out, "audit", "import", log.toString(), "--to", copy.toString())).isEqualTo(2);
    }
}
