package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massageadvisor.TestRules.client;
import static org.massageadvisor.TestRules.evaluate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.Recommendation;

/** treatment-progress.drl: chronic pain that keeps improving after four weeks is spaced out. */
class TreatmentProgressTest {

    static final String EASING = "Chronic pain that keeps improving after the first four weeks is easing";
    static final String SPACED_OUT = "Easing chronic pain is spaced out to a session every one to two weeks";

    @Test
    @DisplayName(EASING)
    void chronicPainThatKeepsImprovingAfterTheFirstFourWeeksIsEasing() {
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE")
                .symptomTrend("IMPROVING").weeksInTreatment(4).build());
        assertThat(r.firedRules()).contains(EASING);
        assertThat(r.explanation()).filteredOn(f -> f.rule().equals(EASING))
                .singleElement().satisfies(f -> assertThat(f.effect()).isEqualTo("establishes SymptomsEasing"));

        // Near misses: one week too early; stable symptoms; worsening symptoms; another goal.
        assertThat(evaluate(client().goal("CHRONIC_PAIN").symptomTrend("IMPROVING").weeksInTreatment(3).build()).firedRules())
                .doesNotContain(EASING);
        assertThat(evaluate(client().goal("CHRONIC_PAIN").symptomTrend("STABLE").weeksInTreatment(12).build()).firedRules())
                .doesNotContain(EASING);
        assertThat(evaluate(client().goal("CHRONIC_PAIN").symptomTrend("WORSENING").weeksInTreatment(12).build()).firedRules())
                .doesNotContain(EASING);
        assertThat(evaluate(client().goal("RELAXATION").symptomTrend("IMPROVING").weeksInTreatment(12).build()).firedRules())
                .doesNotContain(EASING);
    }

    @Test
    @DisplayName(SPACED_OUT)
    void easingChronicPainIsSpacedOutToASessionEveryOneToTwoWeeks() {
        // 7-14 instead of 3-7; floors 3/4 and 3/7 already met.
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE")
                .symptomTrend("IMPROVING").weeksInTreatment(10).build());
        assertThat(r.interval()).isEqualTo(new Interval(7, 14));
        assertThat(r.firedRules()).contains(SPACED_OUT).doesNotContain(GoalRangesTest.CHRONIC_PAIN);

        // Near miss: 3 weeks in, still the start of treatment: 3-7.
        Recommendation nearMiss = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE")
                .symptomTrend("IMPROVING").weeksInTreatment(3).build());
        assertThat(nearMiss.interval()).isEqualTo(new Interval(3, 7));
        assertThat(nearMiss.firedRules()).doesNotContain(SPACED_OUT).contains(GoalRangesTest.CHRONIC_PAIN);
    }

    @Test
    void easingChronicPainStillTakesEveryAdjustment() {
        // 7-14, athlete 0/-2: 7-12.
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("SWEDISH").activityLevel("ATHLETE")
                .symptomTrend("IMPROVING").weeksInTreatment(6).build());
        assertThat(r.interval()).isEqualTo(new Interval(7, 12));
    }

    static final String UNDER_REVIEW = "Worsening chronic pain or injury puts the plan under review";
    static final String REVIEWED = "A plan under review is reviewed before the next session";

    @Test
    @DisplayName(UNDER_REVIEW)
    void worseningChronicPainOrInjuryPutsThePlanUnderReview() {
        // 3-7; the athlete's 0/-2 is held back while the plan is under review: 3-7.
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").activityLevel("ATHLETE").symptomTrend("WORSENING").build());
        assertThat(r.interval()).isEqualTo(new Interval(3, 7));
        assertThat(r.firedRules()).contains(UNDER_REVIEW).doesNotContain(ActivityLevelTest.SOONER);

        // Near miss: relaxation has no symptoms to worsen: 7-12 for an athlete.
        Recommendation nearMiss = evaluate(client().goal("RELAXATION").activityLevel("ATHLETE").symptomTrend("WORSENING").build());
        assertThat(nearMiss.interval()).isEqualTo(new Interval(7, 12));
        assertThat(nearMiss.firedRules()).doesNotContain(UNDER_REVIEW);
    }

    @Test
    @DisplayName(REVIEWED)
    void aPlanUnderReviewIsReviewedBeforeTheNextSession() {
        Recommendation r = evaluate(client().goal("INJURY_RECOVERY").medicalApproval(true).guidedByTherapist(true)
                .symptomTrend("WORSENING").build());
        assertThat(Outcome.warnings(r)).containsExactly("REVIEW_PLAN");
        assertThat(r.interval()).isEqualTo(new Interval(2, 4));

        // Near miss: referred (no approval): no plan advice.
        Recommendation referred = evaluate(client().goal("INJURY_RECOVERY").guidedByTherapist(true).symptomTrend("WORSENING").build());
        assertThat(referred.firedRules()).contains(UNDER_REVIEW).doesNotContain(REVIEWED);
        assertThat(Outcome.warnings(referred)).doesNotContain("REVIEW_PLAN");
    }
}
