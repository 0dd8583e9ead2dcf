package org.massageadvisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.massageadvisor.TestRules;

/**
 * The scenario regression suite (the spec made executable): one test per file under {@code scenarios/},
 * named after its path, plus checks that the suite is big enough and that no rule goes untested.
 */
class ScenarioSuiteTest {

    /** The concern folders of docs/scenarios.md; a scenario anywhere else is an orphan. */
    static final Set<String> FOLDERS = Set.of("precautions", "goal-ranges", "treatment-progress", "injury-recovery", "massage-intensity",
            "body-response", "health-conditions", "activity-level", "safety-floors", "self-care-tips", "overlaps", "red-flags",
            "age-precautions");

    static List<Path> scenarioFiles() {
        return ScenarioRunner.discover(List.of(TestRules.SCENARIOS));
    }

    static String displayName(Path file) {
        return TestRules.SCENARIOS.relativize(file).toString().replace('\\', '/');
    }

    // Each scenario file holds against the shipped rules.
    @TestFactory
    Stream<DynamicTest> everyScenarioHolds() {
        ScenarioRunner runner = new ScenarioRunner(TestRules.evaluator());
        return scenarioFiles().stream().map(file -> DynamicTest.dynamicTest(displayName(file), file.toUri(), () -> {
            ScenarioResult result = runner.run(file);
            assertThat(result.error()).as("%s is not a valid scenario", file).isNull();
            assertThat(result.failures()).as("%s (%s)", file, result.name()).isEmpty();
        }));
    }

    // The suite covers the spec with room to spare: at least 40 scenarios.
    @Test
    void suiteHasAtLeastFortyScenarios() {
        assertThat(scenarioFiles()).hasSizeGreaterThanOrEqualTo(40);
    }

    // Every scenario sits in a concern folder under a kebab-case name, so the layout stays navigable.
    @Test
    void everyScenarioIsAKebabCaseFileInAConcernFolder() {
        for (Path file : scenarioFiles()) {
            Path relative = TestRules.SCENARIOS.relativize(file);
            assertThat(relative.getNameCount()).as("%s: expected <concern>/<what-it-shows>.yaml", file).isEqualTo(2);
            assertThat(FOLDERS).as("%s: unknown concern folder", file).contains(relative.getName(0).toString());
            assertThat(relative.getName(1).toString()).as(file.toString()).matches("[a-z0-9]+(-[a-z0-9]+)*\\.yaml");
        }
    }

    // Every rule of the shipped rule base fires in at least one scenario.
    @Test
    void everyShippedRuleFiresInSomeScenario() {
        ScenarioRunner runner = new ScenarioRunner(TestRules.evaluator());
        Set<String> fired = new LinkedHashSet<>();
        for (Path file : scenarioFiles()) {
            ScenarioResult result = runner.run(file);
            assertThat(result.error()).as(file.toString()).isNull();
            fired.addAll(result.recommendation().firedRules());
        }
        Set<String> neverFired = new TreeSet<>(TestRules.evaluator().ruleBase().rules().keySet());
        neverFired.removeAll(fired);
        assertThat(neverFired).as("rules no scenario makes fire").isEmpty();
        assertThat(TestRules.evaluator().ruleBase().rules()).hasSize(49); // 12 files: the guidance, the clinical review, the precautions
    }
}
