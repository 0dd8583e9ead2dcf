package org.massageadvisor.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Client;
import org.massageadvisor.engine.Evaluator;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Span;
import org.massageadvisor.recommendation.Status;
import org.massageadvisor.scenario.Scenario;
import org.massageadvisor.scenario.ScenarioReader;
import org.massageadvisor.scenario.ScenarioRunner;

class ExplanationTest {

    private static Explanation explain(Client client) {
        Evaluator evaluator = TestRules.evaluator();
        return Explanation.of(evaluator.evaluate(client, true), client, evaluator.ruleBase());
    }

    /** Our own profiles, one per path through the rules (each hand-checked below or in the named tests). */
    private static List<Client> ownProfiles() {
        return List.of(
                TestRules.client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("SORE").conditions("HERNIATED_DISC").build(),
                TestRules.client().build(),
                TestRules.client().goal("MAINTENANCE").activityLevel("ATHLETE").build(),
                TestRules.client().goal("CHRONIC_PAIN").symptomTrend("IMPROVING").weeksInTreatment(6).bodyResponse("FATIGUED", "SORE").build(),
                TestRules.client().goal("INJURY_RECOVERY").massageType("SPORTS").medicalApproval(true).guidedByTherapist(true)
                        .activityLevel("PHYSICAL_JOB").build(),
                TestRules.client().goal("INJURY_RECOVERY").massageType("DEEP_TISSUE").build());
    }

    /** Every shipped scenario plus our own profiles: the narrative names every fired rule and its numbers are the recommendation's. */
    @TestFactory
    Stream<DynamicTest> narrativeNamesEveryFiredRuleAndItsNumbersMatchTheRecommendation() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 1;
        for (Client c : ownProfiles()) {
            tests.add(DynamicTest.dynamicTest("own profile " + n++ + " (" + c.goal() + ", " + c.massageType() + ")", () -> checkNarrative(c)));
        }
        if (Files.isDirectory(TestRules.SCENARIOS)) {
            ScenarioReader reader = new ScenarioReader(TestRules.evaluator().ruleBase().vocabulary(), TestRules.evaluator().ruleBase().rules().keySet());
            for (Path file : ScenarioRunner.discover(List.of(TestRules.SCENARIOS))) {
                tests.add(DynamicTest.dynamicTest(file.toString(), () -> {
                    Scenario s = reader.read(file);
                    checkNarrative(s.given());
                }));
            }
        }
        return tests.stream();
    }

    private static void checkNarrative(Client client) {
        Recommendation r = TestRules.evaluator().evaluate(client, true);
        Explanation e = Explanation.of(r, client, TestRules.evaluator().ruleBase());
        for (String rule : r.firedRules()) {
            assertThat(e.narrative()).contains(rule);
        }
        assertThat(e.firings()).hasSize(r.firedRules().size());
        Span last = null;
        for (Explanation.Step s : e.firings()) {
            if (s.after() != null) {
                assertThat(e.narrative()).contains(s.rule() + (s.metadata().containsKey("source") ? " (" : ":"));
                String change = s.before() == null ? "start at " + s.after()
                        : s.before().equals(s.after()) ? "already met at " + s.after() : s.before() + " becomes " + s.after();
                assertThat(e.narrative()).contains(change);
                if (s.before() != null && last != null) {
                    assertThat(s.before()).as("each step starts where the last ended").isEqualTo(last);
                }
                last = s.after();
            }
        }
        if (r.status() == Status.RECOMMENDED) {
            assertThat(e.headline()).isEqualTo(r.interval() + " between back massages.");
            assertThat(e.narrative()).startsWith(e.headline());
            assertThat(last).isEqualTo(new Span(r.interval().minDays(), r.interval().maxDays()));
        } else {
            assertThat(e.headline()).startsWith("No interval");
        }
        assertThat(e.warnings()).extracting(Explanation.Card::code).containsExactlyElementsOf(r.warnings().stream().map(w -> w.code()).toList());
        assertThat(e.tips()).isEqualTo(r.tips());
    }

    @Test
    void ownProfilesGetTheirHandCheckedIntervals() {
        List<Client> p = ownProfiles();
        // 3-7; intense floors already met; +2 (sore) after the floors = 5-7.
        assertThat(explain(p.get(0)).interval()).hasToString("5-7 days");
        // relaxation 7-14; Swedish keeps the goal's range.
        assertThat(explain(p.get(1)).interval()).hasToString("7-14 days");
        // maintenance 14-30, athlete 0 min -2 max = 14-28.
        assertThat(explain(p.get(2)).interval()).hasToString("14-28 days");
        // easing chronic pain 7-14, recovery +2 min once (sore and fatigued) = 9-14.
        assertThat(explain(p.get(3)).interval()).hasToString("9-14 days");
        // approved guided injury 2-4 (no activity adjustment for an injury); floor 3-4 raises it to 3-4
        // (sports massage is intense but not deep tissue: no week-long stretch).
        assertThat(explain(p.get(4)).interval()).hasToString("3-4 days");
    }

    @Test
    void theWorkedExampleReadsThreeToSevenThenFiveToSeven() {
        Explanation e = explain(ownProfiles().get(0));
        // 3-7 (chronic pain start); both intense floors (3-4, 3-7) already met; +2 min for soreness = 5-7.
        assertThat(e.headline()).isEqualTo("5-7 days between back massages.");
        assertThat(e.narrative()).contains("Chronic pain starts with a session every three to seven days "
                + "(General Guidelines: chronic back pain or stiffness): start at 3-7 days.");
        assertThat(e.narrative()).contains("Muscles that need recovery wait two more days before the next session "
                + "(Factors That Affect Frequency: your body's response): 3-7 days becomes 5-7 days.");
        assertThat(e.narrative()).contains("Intense massage sessions are at least 48 to 72 hours apart").contains("already met at 3-7 days");
        assertThat(e.narrative()).doesNotContain("establishes");
    }

    @Test
    void warningsBecomeCardsWithTheVocabularysIndicatorAndTheRulesSource() {
        Explanation e = explain(ownProfiles().get(0));
        assertThat(e.warnings()).hasSize(2);
        // Most severe first: the herniated disc (warning) before the soreness (info).
        Explanation.Card sore = e.warnings().get(1);
        assertThat(sore.code()).isEqualTo("ALLOW_RECOVERY");
        assertThat(sore.indicator()).isEqualTo("info");
        assertThat(sore.summary()).isEqualTo("Sore: the body needs time to recover after the last session.");
        assertThat(sore.source().rule()).isEqualTo("Soreness after the last session means the muscles need recovery");
        assertThat(sore.source().label()).isEqualTo("Factors That Affect Frequency: your body's response");
        Explanation.Card disc = e.warnings().get(0);
        assertThat(disc.indicator()).isEqualTo("warning");
        assertThat(disc.summary()).isEqualTo("Herniated disc: a health condition calls for a doctor's advice first.");
        assertThat(disc.detail()).isEqualTo("With a herniated disc, check with your doctor how much massage is safe for you.");
    }

    @Test
    void aReferredInjuryHasCriticalCardsAndNoInterval() {
        Explanation e = explain(ownProfiles().get(5));
        assertThat(e.status()).isEqualTo(Status.REFER);
        assertThat(e.interval()).isNull();
        assertThat(e.warnings()).extracting(Explanation.Card::code)
                .containsExactlyInAnyOrder("MEDICAL_APPROVAL_REQUIRED", "THERAPIST_GUIDANCE_REQUIRED");
        assertThat(e.warnings()).filteredOn(c -> c.code().endsWith("_REQUIRED")).extracting(Explanation.Card::indicator).containsOnly("critical");
    }

    @Test
    void stepsCarryMetadataAndMatchedFacts() {
        Explanation e = explain(ownProfiles().get(0));
        Explanation.Step base = e.firings().stream().filter(s -> s.rule().startsWith("Chronic pain starts")).findFirst().orElseThrow();
        assertThat(base.concern()).isEqualTo("goal-ranges");
        assertThat(base.line()).isEqualTo(23);
        assertThat(base.metadata().keySet()).containsExactly("source", "description", "evidence", "reviewed");
        assertThat(base.metadata()).containsEntry("evidence", "guidance").containsEntry("reviewed", "2026-11-24").containsKey("source");
        assertThat(base.facts()).hasSize(1);
        assertThat(ExplanationRenderer.json(base.facts(), false)).contains("\"@type\":\"Client\"").contains("\"goal\":\"CHRONIC_PAIN\"");
        assertThat(e.notFired()).containsKeys("goal-ranges", "activity-level");
    }

    @Test
    void htmlIsOneSelfContainedPageWithEveryValueEscaped() {
        Client c = TestRules.client().build().withId("<script>alert('x')</script> & co");
        String html = ExplanationRenderer.html(explain(c));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("<script").doesNotContain("src=").doesNotContain("href=");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co");
    }

    @Test
    void markdownAndTextCarryTheNarrativeCardsAndTips() {
        Explanation e = explain(ownProfiles().get(0));
        String md = ExplanationRenderer.markdown(e);
        assertThat(md).contains("## Warnings").contains("> **INFO** Sore: the body needs time").contains("## Tips")
                .contains("- Stretch between sessions to keep the muscles supple.").contains("## Rules that did not fire");
        String text = ExplanationRenderer.text(e);
        assertThat(text).contains("[warning] Herniated disc").contains("Tips:").contains("interval: 3-7 days -> 5-7 days");
    }
}
