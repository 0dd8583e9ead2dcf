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

    /**
     * Every shipped scenario plus our own profiles: the why list starts where the base range starts,
     * has a step for every firing that moved the interval, each step starting where the last ended,
     * and ends on the recommendation's interval.
     */
    @TestFactory
    Stream<DynamicTest> whyStepsFollowTheIntervalFromStartToAnswer() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 1;
        for (Client c : ownProfiles()) {
            tests.add(DynamicTest.dynamicTest("own profile " + n++ + " (" + c.goal() + ", " + c.massageType() + ")", () -> checkWhy(c)));
        }
        if (Files.isDirectory(TestRules.SCENARIOS)) {
            ScenarioReader reader = new ScenarioReader(TestRules.evaluator().ruleBase().vocabulary(), TestRules.evaluator().ruleBase().rules().keySet());
            for (Path file : ScenarioRunner.discover(List.of(TestRules.SCENARIOS))) {
                tests.add(DynamicTest.dynamicTest(file.toString(), () -> {
                    Scenario s = reader.read(file);
                    checkWhy(s.given());
                }));
            }
        }
        return tests.stream();
    }

    private static void checkWhy(Client client) {
        Recommendation r = TestRules.evaluator().evaluate(client, true);
        Explanation e = Explanation.of(r, client, TestRules.evaluator().ruleBase());
        assertThat(e.firings()).hasSize(r.firedRules().size());
        List<Explanation.Reason> why = e.why();
        Explanation.Reason last = why.get(why.size() - 1);
        assertThat(last.step()).isEqualTo("=");
        List<String> moved = new ArrayList<>();
        Span previous = null;
        for (Explanation.Step s : e.firings()) {
            if (s.after() != null && !s.after().equals(s.before()) && !s.effect().contains("not used: the client is referred")) {
                moved.add(s.rule());
                if (s.before() != null && previous != null) {
                    assertThat(s.before()).as("each step starts where the last ended").isEqualTo(previous);
                }
                previous = s.after();
            }
        }
        assertThat(why.stream().filter(w -> !w.step().equals("=") && !w.step().equals("refer")).map(Explanation.Reason::because))
                .containsExactlyElementsOf(moved);
        if (r.status() == Status.RECOMMENDED) {
            assertThat(why.get(0).step()).isEqualTo("start");
            assertThat(e.headline()).isEqualTo(r.interval() + " between back massages"
                    + (r.window() == null ? "." : ": next massage " + r.window() + "."));
            assertThat(last.result()).isEqualTo(new Span(r.interval().minDays(), r.interval().maxDays()));
            assertThat(previous).isEqualTo(last.result());
        } else {
            assertThat(e.headline()).startsWith("No interval");
            assertThat(last.result()).isNull();
            assertThat(last.text()).isEqualTo("= no interval");
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
        assertThat(e.whyLines()).containsExactly(
                "start: every 3-7 days (Chronic pain starts with a session every three to seven days)",
                "+2 days (shortest wait): Muscles that need recovery wait two more days before the next session (now 5-7 days)",
                "= 5-7 days");
        assertThat(e.why().get(0).guidance()).isEqualTo("General Guidelines: chronic back pain or stiffness");
    }

    @Test
    void aLastMassageDateEndsTheWhyListWithTheWindow() {
        Client c = ownProfiles().get(0).withLastMassageDate(java.time.LocalDate.of(2026, 11, 20));
        Explanation e = explain(c);
        // 5-7 days after 20 November.
        assertThat(e.headline()).isEqualTo("5-7 days between back massages: next massage between 2026-11-25 and 2026-11-27.");
        assertThat(e.whyLines()).last().isEqualTo("= 5-7 days: next massage between 2026-11-25 and 2026-11-27");
    }

    @Test
    void aFloorThatMovesTheIntervalIsAnAtLeastStep() {
        // Approved, guided sports-massage injury recovery with a physical job: 2-4; the intense floor (3, 4) raises it to 3-4.
        Explanation e = explain(ownProfiles().get(4));
        assertThat(e.whyLines()).containsExactly(
                "start: every 2-4 days (Approved, therapist-guided injury recovery allows short gentle sessions a few times a week)",
                "at least 3 days: Intense massage sessions are at least 48 to 72 hours apart (now 3-4 days)",
                "= 3-4 days");
    }

    @Test
    void aReferralIsAReferStepWithNoInterval() {
        Explanation e = explain(ownProfiles().get(5));
        assertThat(e.why()).extracting(Explanation.Reason::step).contains("refer").doesNotContain("start");
        assertThat(e.whyLines()).last().isEqualTo("= no interval");
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
        // A table rule is placed at the row of its values: row 11 of goal-ranges.csv.
        assertThat(base.line()).isEqualTo(11);
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
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("<script").doesNotContain("src=")
                .doesNotContain("javascript:");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co");
    }

    @Test
    void htmlLinksEachRuleToItsFileAndKeepsPathsWhole() {
        String html = ExplanationRenderer.html(explain(ownProfiles().get(0)));
        assertThat(html).contains("<a href=\"rules-drl/goal-ranges.csv#L11\">Chronic pain starts with a session every three to seven days</a>")
                .contains("<code class=\"path\">rules-drl/goal-ranges.csv:11</code>").contains("code.path{white-space:nowrap}")
                .contains("<ol class=\"why\">");
        assertThat(ExplanationRenderer.html(explain(ownProfiles().get(0)), ExplanationRenderer.Links.SERVICE))
                .contains("<a href=\"/rules#rule-chronic-pain-starts-with-a-session-every-three-to-seven-days\">");
    }

    @Test
    void markdownEscapesValuesAndPutsCodeInCodeSpans() {
        Client c = TestRules.client().build().withId("*bold* [link](http://x) <b> `tick`");
        String md = ExplanationRenderer.markdown(explain(c));
        assertThat(md).startsWith("# Client \\*bold\\* \\[link\\](http://x) \\<b\\> \\`tick\\`: ");
        assertThat(md).contains("| [Relaxation calls for a session every one to two weeks](rules-drl/goal-ranges.csv\\#L");
        assertThat(md).contains("| `rules-drl/goal-ranges.csv:").contains("Rule set `sha256:");
    }

    @Test
    void markdownAndTextCarryTheWhyStepsCardsAndTips() {
        Explanation e = explain(ownProfiles().get(0));
        String md = ExplanationRenderer.markdown(e);
        assertThat(md).contains("## Why\n\n1. start: every 3-7 days").contains("**= 5-7 days**")
                .contains("## Warnings").contains("> **INFO** Sore: the body needs time").contains("## Tips")
                .contains("- Stretch between sessions to keep the muscles supple.").contains("## Rules that did not fire");
        String text = ExplanationRenderer.text(e);
        assertThat(text).contains("Why:\n  start: every 3-7 days").contains("\n  = 5-7 days\n")
                .contains("[warning] Herniated disc").contains("Tips:").contains("interval: 3-7 days -> 5-7 days");
    }
}
