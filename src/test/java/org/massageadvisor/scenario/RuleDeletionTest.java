package org.massageadvisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleInfo;

/**
 * Mutation proof that each rule has a scenario that would fail if the rule were deleted: for every
 * shipped rule, the rules folder is copied, that rule's block is cut out, the copy is compiled and
 * every scenario is run against it. The scenarios are read once, against the shipped rules, so that
 * a {@code fired:} naming the deleted rule counts as a failed expectation rather than a bad file.
 */
class RuleDeletionTest {

    @TempDir
    static Path work;

    /** Rule name to the scenario files that fail without it; likewise ignoring fired/notFired. */
    static final Map<String, List<String>> killedBy = new LinkedHashMap<>();
    static final Map<String, List<String>> killedByOutcome = new LinkedHashMap<>();
    static int shippedRuleCount;

    @BeforeAll
    static void deleteEachRuleInTurn() throws IOException {
        RuleBase shipped = TestRules.evaluator().ruleBase();
        shippedRuleCount = shipped.rules().size();
        ScenarioReader reader = new ScenarioReader(shipped.vocabulary(), shipped.rules().keySet());
        List<Scenario> scenarios = ScenarioSuiteTest.scenarioFiles().stream().map(reader::read).toList();
        List<RuleInfo> declared = shipped.files().declarations();
        int n = 0;
        for (RuleInfo rule : declared) {
            Path copy = work.resolve("mutant-" + (++n));
            RuleFolders.copyTree(TestRules.RULES, copy);
            Path drl = copy.resolve(TestRules.RULES.relativize(Path.of(rule.file())));
            Files.writeString(drl, withoutRule(Files.readString(drl, StandardCharsets.UTF_8), rule), StandardCharsets.UTF_8);
            RuleBase mutant = RuleBase.load(copy);
            assertThat(mutant.rules()).as("the copy without \"%s\"", rule.name())
                    .hasSize(shippedRuleCount - 1).doesNotContainKey(rule.name());
            ScenarioRunner runner = new ScenarioRunner(new Evaluator(mutant));
            List<String> failing = new ArrayList<>();
            List<String> failingOnOutcome = new ArrayList<>();
            for (Scenario s : scenarios) {
                if (!runner.run(s).passed()) {
                    failing.add(s.file());
                }
                if (!runner.run(outcomeOnly(s)).passed()) {
                    failingOnOutcome.add(s.file());
                }
            }
            killedBy.put(rule.name(), failing);
            killedByOutcome.put(rule.name(), failingOnOutcome);
        }
    }

    // Deleting any one rule makes at least one scenario fail.
    @Test
    void everyRuleDeletionFailsSomeScenario() {
        assertThat(killedBy).as("one mutant per shipped rule").hasSize(shippedRuleCount);
        List<String> survivors = killedBy.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        assertThat(survivors).as("rules whose deletion no scenario notices (add a scenario that needs each)").isEmpty();
    }

    // Apart from the documented exceptions, every deletion changes a status, interval, warning or tip that a scenario checks.
    @Test
    void everyRuleDeletionChangesAnOutcomeUnlessDocumented() {
        List<String> survivors = killedByOutcome.entrySet().stream().filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
        assertThat(survivors).as("rules whose deletion changes no status, interval, warning or tip of any scenario").isEmpty();
    }

    /**
     * The DRL text with the block from {@code rule "<name>"} to its closing {@code end} line removed; in a
     * decision table, the rule's row.
     */
    static String withoutRule(String drl, RuleInfo rule) {
        List<String> lines = new ArrayList<>(Arrays.asList(drl.split("\n", -1)));
        int start = rule.line() - 1;
        if (rule.file().endsWith(".csv")) {
            assertThat(lines.get(start)).as("%s:%d", rule.file(), rule.line()).matches("\"?" + java.util.regex.Pattern.quote(rule.name()) + "\"?,.*");
            lines.remove(start);
            return String.join("\n", lines);
        }
        assertThat(lines.get(start)).as("%s:%d", rule.file(), rule.line()).contains("rule \"" + rule.name() + "\"");
        int end = start + 1;
        while (!lines.get(end).strip().equals("end")) {
            end++;
        }
        lines.subList(start, end + 1).clear();
        return String.join("\n", lines);
    }

    /** The scenario without its fired/notFired expectations: only what a client would see. */
    static Scenario outcomeOnly(Scenario s) {
        Expectation e = s.expect();
        return new Scenario(s.file(), s.name(), s.given(), e.outcomeOnly());
    }

}
