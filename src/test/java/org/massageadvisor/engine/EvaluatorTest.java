package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Client;
import org.massageadvisor.recommendation.Firing;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/** The evaluation API: firing order, effects, the interval fold, broken rule sets, threads. */
class EvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The brief's worked example. */
    private static Client workedExample() {
        return TestRules.client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("SORE")
                .conditions("HERNIATED_DISC").activityLevel("SEDENTARY").build();
    }

    @Test
    void theExplanationListsEveryFiringInOrderWithWhereItIsWrittenAndWhatItEncodes() {
        Recommendation r = TestRules.evaluate(workedExample());
        RuleBase base = TestRules.evaluator().ruleBase();
        assertThat(r.explanation()).extracting(Firing::rule).containsExactlyElementsOf(r.firedRules());
        for (Firing f : r.explanation()) {
            RuleInfo info = base.rule(f.rule());
            assertThat(f.file()).isEqualTo(info.file()).startsWith("rules-drl/");
            assertThat(f.line()).isEqualTo(RuleFolders.lineOf(Path.of(f.file()), f.rule()));
            assertThat(f.source()).isEqualTo(info.source()).isNotBlank();
            assertThat(f.description()).isEqualTo(info.description()).isNotBlank();
            assertThat(f.effect()).isNotBlank();
            assertThat(f.facts()).isNotEmpty();
        }
    }

    @Test
    void theWorkedExampleFiresByPhaseWithTheseEffects() {
        Recommendation r = TestRules.evaluate(workedExample());
        assertThat(r.status()).isEqualTo(Status.RECOMMENDED);
        assertThat(r.interval()).isEqualTo(new Interval(5, 7));
        List<Firing> e = r.explanation();
        // 3 classify (salience 40), 1 base range (30), 2 floors (10), 1 recovery margin (5), 4 advice (0).
        assertThat(e).hasSize(11);
        assertThat(e.subList(0, 3)).extracting(Firing::rule).containsExactlyInAnyOrder(
                "Soreness after the last session means the muscles need recovery",
                "Any listed health condition is a health concern",
                "A massage type the vocabulary marks intense is intense work");
        assertThat(e.get(3).rule()).isEqualTo("Chronic pain starts with a session every three to seven days");
        assertThat(e.get(3).effect()).isEqualTo("base range 3-7 days");
        assertThat(e.subList(4, 6)).extracting(Firing::effect).containsExactlyInAnyOrder(
                "minDays at least 3, maxDays at least 4 (already met)",
                "minDays at least 3, maxDays at least 7 (already met)");
        assertThat(e.get(6).rule()).isEqualTo("Muscles that need recovery wait two more days before the next session");
        assertThat(e.get(6).effect()).isEqualTo("recovery: minDays +2 after the floors: 3-7 days -> 5-7 days");
        assertThat(e.subList(7, 11)).extracting(Firing::rule).containsExactlyInAnyOrder(
                "Every client is told to listen to their body",
                "Massage works best alongside stretching, posture work and exercise",
                "Clients without a therapist are advised to get a personal plan from one",
                "A herniated disc needs a doctor's advice");
        assertThat(e).filteredOn(f -> f.rule().startsWith("Soreness")).singleElement()
                .extracting(Firing::effect).isEqualTo("establishes RecoveryNeeded; warning ALLOW_RECOVERY (SORE)");
        assertThat(e).filteredOn(f -> f.rule().startsWith("A herniated disc")).singleElement()
                .extracting(Firing::effect).isEqualTo("warning CONSULT_DOCTOR (HERNIATED_DISC)");
        assertThat(e).filteredOn(f -> f.rule().startsWith("Massage works best")).singleElement()
                .extracting(Firing::effect).isEqualTo("tip STRETCHING; tip POSTURE; tip EXERCISE");
    }

    @Test
    void theFactsOfAFiringAreSnapshotsWithTheirType() {
        Recommendation r = TestRules.evaluate(workedExample());
        Firing base = r.explanation().get(3);
        JsonNode client = JSON.valueToTree(base.facts().get(0));
        assertThat(client.get("@type").asText()).isEqualTo("Client");
        assertThat(client.get("goal").asText()).isEqualTo("CHRONIC_PAIN");
        assertThat(client.get("conditions").get(0).asText()).isEqualTo("HERNIATED_DISC");
    }

    @Test
    void withoutExplanationTheRecommendationIsTheSame() {
        Recommendation full = TestRules.evaluator().evaluate(workedExample(), true);
        Recommendation lean = TestRules.evaluator().evaluate(workedExample(), false);
        assertThat(lean.explanation()).isNull();
        assertThat(lean).usingRecursiveComparison().ignoringFields("explanation").isEqualTo(full);
    }

    @Test
    void aRuleThatKeepsRetriggeringIsARuleLoop(@TempDir Path tmp) {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleFolders.write(rules.resolve("loop.drl"), """
                package org.massageadvisor.rules;

                import org.massageadvisor.client.Client;
                import org.massageadvisor.facts.*;

                rule "Every tip calls for another tip"
                when
                    Client()
                    Tip()
                then
                    insert( new Tip( "LISTEN_TO_BODY", "Again." ) );
                end
                """);
        Evaluator evaluator = new Evaluator(RuleBase.load(rules));
        assertThatThrownBy(() -> evaluator.evaluate(workedExample(), false))
                .isInstanceOf(RuleLoopException.class)
                .hasMessageContaining("rule \"Every tip calls for another tip\" fired")
                .hasMessageContaining("re-trigger");
    }

    @Test
    void aGoalWithoutABaseRangeRuleIsReferredWithNoInterval(@TempDir Path tmp) {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleFolders.addTerm(rules, "goals", "POSTURE_CORRECTION: Correcting posture; no rule gives it a range yet.");
        Evaluator evaluator = new Evaluator(RuleBase.load(rules));
        Recommendation r = evaluator.evaluate(TestRules.client().goal("POSTURE_CORRECTION").massageType("DEEP_TISSUE").build());
        assertThat(r.status()).isEqualTo(Status.REFER);
        assertThat(r.interval()).isNull();
        assertThat(r.warnings()).extracting(IssuedWarning::code).containsExactly("NO_INTERVAL");
        // The floors matched, but there is no interval to apply them to; every tip is still given.
        assertThat(r.tips()).hasSize(5);
        assertThat(r.rulesetVersion()).isNotEqualTo(TestRules.evaluator().ruleBase().version());
    }

    @Test
    void fourThreadsAgreeWithOneThread() throws Exception {
        List<Client> clients = new ArrayList<>();
        String[] goals = {"RELAXATION", "CHRONIC_PAIN", "INJURY_RECOVERY", "MAINTENANCE"};
        String[] types = {"DEEP_TISSUE", "SWEDISH", "SPORTS"};
        String[] levels = {"SEDENTARY", "ATHLETE", "PHYSICAL_JOB"};
        for (String goal : goals) {
            for (String type : types) {
                for (String level : levels) {
                    clients.add(TestRules.client().goal(goal).massageType(type).activityLevel(level)
                            .bodyResponse(clients.size() % 2 == 0 ? new String[] {"SORE"} : new String[0])
                            .conditions(clients.size() % 5 == 0 ? new String[] {"OSTEOPOROSIS"} : new String[0])
                            .medicalApproval(clients.size() % 3 != 0).guidedByTherapist(clients.size() % 4 != 0)
                            .symptomTrend("IMPROVING").weeksInTreatment(clients.size() % 8).build());
                }
            }
        }
        Evaluator evaluator = TestRules.evaluator();
        List<String> expected = new ArrayList<>();
        for (Client c : clients) {
            expected.add(JSON.writeValueAsString(evaluator.evaluate(c, true)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        int k = (i + offset * 7) % clients.size();
                        String got = JSON.writeValueAsString(evaluator.evaluate(clients.get(k), true));
                        if (!got.equals(expected.get(k))) {
                            mismatches.add(clients.get(k) + " -> " + got);
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<List<String>> f : futures) {
                assertThat(f.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
