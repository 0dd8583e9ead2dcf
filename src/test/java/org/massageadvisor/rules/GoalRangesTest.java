package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massageadvisor.TestRules.client;
import static org.massageadvisor.TestRules.evaluate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/** goal-ranges.csv (a decision table): the interval each goal starts from. Intense types keep gentle/active adjustments out of the way. */
class GoalRangesTest {

    static final String RELAXATION = "Relaxation calls for a session every one to two weeks";
    static final String CHRONIC_PAIN = "Chronic pain starts with a session every three to seven days";
    static final String INJURY_RECOVERY = "Approved, therapist-guided injury recovery allows short gentle sessions a few times a week";
    static final String MAINTENANCE = "Maintenance calls for a session once or twice a month";

    @Test
    @DisplayName(RELAXATION)
    void relaxationCallsForASessionEveryOneToTwoWeeks() {
        // 7-14; the intense floors (3/4, 3/7) are already met.
        Recommendation r = evaluate(client().goal("RELAXATION").massageType("DEEP_TISSUE").build());
        assertThat(r.status()).isEqualTo(Status.RECOMMENDED);
        assertThat(r.interval()).isEqualTo(new Interval(7, 14));
        assertThat(r.firedRules()).contains(RELAXATION).doesNotContain(CHRONIC_PAIN, INJURY_RECOVERY, MAINTENANCE);
        assertThat(Outcome.warnings(r)).isEmpty();

        Recommendation nearMiss = evaluate(client().goal("MAINTENANCE").massageType("DEEP_TISSUE").build());
        assertThat(nearMiss.firedRules()).doesNotContain(RELAXATION);
        assertThat(nearMiss.interval()).isEqualTo(new Interval(14, 30));
    }

    @Test
    @DisplayName(CHRONIC_PAIN)
    void chronicPainStartsWithASessionEveryThreeToSevenDays() {
        // 3-7; floors 3/4 and 3/7 already met.
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").build());
        assertThat(r.interval()).isEqualTo(new Interval(3, 7));
        assertThat(r.firedRules()).contains(CHRONIC_PAIN).doesNotContain(RELAXATION, INJURY_RECOVERY, MAINTENANCE);

        // Still the start of treatment: improving, but only 3 weeks in.
        Recommendation threeWeeks = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE")
                .symptomTrend("IMPROVING").weeksInTreatment(3).build());
        assertThat(threeWeeks.interval()).isEqualTo(new Interval(3, 7));
        assertThat(threeWeeks.firedRules()).contains(CHRONIC_PAIN);

        // Near miss: improving at 4 weeks is no longer the start (treatment-progress.drl gives 7-14 instead).
        Recommendation easing = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE")
                .symptomTrend("IMPROVING").weeksInTreatment(4).build());
        assertThat(easing.firedRules()).doesNotContain(CHRONIC_PAIN);
        assertThat(easing.interval()).isEqualTo(new Interval(7, 14));
    }

    @Test
    @DisplayName(INJURY_RECOVERY)
    void approvedTherapistGuidedInjuryRecoveryAllowsShortGentleSessionsAFewTimesAWeek() {
        // 2-4; Swedish takes a day off (1-4); the injury floor puts minDays back at 2: 2-4.
        Recommendation r = evaluate(client().goal("INJURY_RECOVERY").massageType("SWEDISH")
                .medicalApproval(true).guidedByTherapist(true).build());
        assertThat(r.status()).isEqualTo(Status.RECOMMENDED);
        assertThat(r.interval()).isEqualTo(new Interval(2, 4));
        assertThat(r.firedRules()).contains(INJURY_RECOVERY);
        assertThat(Outcome.warnings(r)).isEmpty();
        assertThat(Outcome.tips(r)).containsExactlyInAnyOrderElementsOf(Outcome.GUIDED_TIPS);

        // Near misses: approval without a therapist, a therapist without approval.
        for (boolean approval : new boolean[] {true, false}) {
            Recommendation nearMiss = evaluate(client().goal("INJURY_RECOVERY").massageType("SWEDISH")
                    .medicalApproval(approval).guidedByTherapist(!approval).build());
            assertThat(nearMiss.firedRules()).doesNotContain(INJURY_RECOVERY);
            assertThat(nearMiss.status()).isEqualTo(Status.REFER);
            assertThat(nearMiss.interval()).isNull();
        }
    }

    @Test
    @DisplayName(MAINTENANCE)
    void maintenanceCallsForASessionOnceOrTwiceAMonth() {
        Recommendation r = evaluate(client().goal("MAINTENANCE").massageType("TRIGGER_POINT").build());
        assertThat(r.interval()).isEqualTo(new Interval(14, 30));
        assertThat(r.firedRules()).contains(MAINTENANCE).doesNotContain(RELAXATION, CHRONIC_PAIN, INJURY_RECOVERY);

        Recommendation nearMiss = evaluate(client().goal("RELAXATION").massageType("TRIGGER_POINT").build());
        assertThat(nearMiss.firedRules()).doesNotContain(MAINTENANCE);
        assertThat(nearMiss.interval()).isEqualTo(new Interval(7, 14));
    }

    @Test
    void everyGoalFiresExactlyOneBaseRangeRule() {
        for (String goal : new String[] {"RELAXATION", "CHRONIC_PAIN", "MAINTENANCE"}) {
            Recommendation r = evaluate(client().goal(goal).massageType("SPORTS").build());
            long baseRules = r.firedRules().stream()
                    .filter(n -> n.equals(RELAXATION) || n.equals(CHRONIC_PAIN) || n.equals(INJURY_RECOVERY) || n.equals(MAINTENANCE))
                    .count();
            assertThat(baseRules).as(goal).isEqualTo(1);
        }
    }
}
