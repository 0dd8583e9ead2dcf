package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Client;
import org.massageadvisor.recommendation.Recommendation;

class NotFiredAnalysisTest {

    private static Map<String, List<NotFiredAnalysis.NotFired>> analyse(Client client) {
        Recommendation r = TestRules.evaluate(client);
        return new NotFiredAnalysis(TestRules.evaluator().ruleBase()).analyse(client, r.firedRules());
    }

    private static NotFiredAnalysis.NotFired find(Map<String, List<NotFiredAnalysis.NotFired>> byConcern, String concern, String rule) {
        return byConcern.get(concern).stream().filter(n -> n.rule().equals(rule)).findFirst().orElseThrow();
    }

    @Test
    void everyRuleEitherFiredOrIsListedOnceUnderItsFile() {
        Client c = TestRules.client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("SORE").conditions("HERNIATED_DISC").build();
        Recommendation r = TestRules.evaluate(c);
        Map<String, List<NotFiredAnalysis.NotFired>> notFired = analyse(c);
        List<String> names = notFired.values().stream().flatMap(List::stream).map(NotFiredAnalysis.NotFired::rule).toList();
        assertThat(names).doesNotContainAnyElementsOf(r.firedRules()).doesNotHaveDuplicates();
        assertThat(names.size() + r.firedRules().size()).isEqualTo(TestRules.evaluator().ruleBase().rules().size());
        notFired.forEach((concern, list) -> list.forEach(n -> assertThat(n.file()).matches(".*/" + concern + "\\.(drl|csv)")));
    }

    @Test
    void aGoalRuleForAnotherGoalNamesTheGoalConditionAndTheClientsGoal() {
        NotFiredAnalysis.NotFired n = find(analyse(TestRules.client().goal("CHRONIC_PAIN").build()), "goal-ranges",
                "Relaxation calls for a session every one to two weeks");
        assertThat(n.reason()).isEqualTo("no match for `Client( goal == \"RELAXATION\" )`: `goal == \"RELAXATION\"` is false (goal is CHRONIC_PAIN)");
        assertThat(n.line()).isEqualTo(10); // its row in goal-ranges.csv
    }

    @Test
    void aRuleOnADerivedFactSaysTheFactWasNotEstablished() {
        NotFiredAnalysis.NotFired n = find(analyse(TestRules.client().build()), "body-response",
                "Muscles that need recovery wait two more days before the next session");
        assertThat(n.reason()).isEqualTo("no match for `RecoveryNeeded()`: no RecoveryNeeded was established for this client");
    }

    @Test
    void aNegatedConditionFailsWhenItsFactExists() {
        // An athlete, but the herniated disc is a health concern: "not HealthConcern" fails.
        NotFiredAnalysis.NotFired n = find(analyse(TestRules.client().activityLevel("ATHLETE").conditions("HERNIATED_DISC").build()),
                "activity-level", "A physically demanding life may bring sessions sooner than a sedentary one");
        assertThat(n.reason()).startsWith("`not HealthConcern(").endsWith("a HealthConcern was established for this client");
    }

    @Test
    void theFirstFailingConstraintOfAPatternIsNamed() {
        // Chronic pain, improving, but only two weeks in: the weeks constraint is the one that fails.
        NotFiredAnalysis.NotFired n = find(analyse(TestRules.client().goal("CHRONIC_PAIN").symptomTrend("IMPROVING").weeksInTreatment(2).build()),
                "treatment-progress", "Chronic pain that keeps improving after the first four weeks is easing");
        assertThat(n.reason()).endsWith("`weeksInTreatment >= 4` is false (weeksInTreatment is 2)");
    }
}
