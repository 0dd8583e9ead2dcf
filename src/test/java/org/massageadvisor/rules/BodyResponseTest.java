package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massageadvisor.TestRules.client;
import static org.massageadvisor.TestRules.evaluate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.Recommendation;

/** body-response.csv (a decision table): soreness or fatigue after the last session calls for more recovery time. */
class BodyResponseTest {

    static final String SORE = "Soreness after the last session means the muscles need recovery";
    static final String FATIGUED = "Fatigue after the last session means the muscles need recovery";
    static final String TWO_MORE_DAYS = "Muscles that need recovery wait two more days before the next session";

    @Test
    @DisplayName(SORE)
    void sorenessAfterTheLastSessionMeansTheMusclesNeedRecovery() {
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("SORE").build());
        assertThat(Outcome.warnings(r)).containsExactly("ALLOW_RECOVERY(SORE)");
        assertThat(r.firedRules()).contains(SORE, TWO_MORE_DAYS).doesNotContain(FATIGUED);

        Recommendation nearMiss = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").build());
        assertThat(Outcome.warnings(nearMiss)).isEmpty();
        assertThat(nearMiss.firedRules()).doesNotContain(SORE, FATIGUED, TWO_MORE_DAYS);
    }

    @Test
    @DisplayName(FATIGUED)
    void fatigueAfterTheLastSessionMeansTheMusclesNeedRecovery() {
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("FATIGUED").build());
        assertThat(Outcome.warnings(r)).containsExactly("ALLOW_RECOVERY(FATIGUED)");
        assertThat(r.firedRules()).contains(FATIGUED, TWO_MORE_DAYS).doesNotContain(SORE);

        Recommendation nearMiss = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("SORE").build());
        assertThat(nearMiss.firedRules()).doesNotContain(FATIGUED);
    }

    @Test
    @DisplayName(TWO_MORE_DAYS)
    void musclesThatNeedRecoveryWaitTwoMoreDaysBeforeTheNextSession() {
        // 3-7, +2 on minDays: 5-7 (the worked example without the condition).
        Recommendation sore = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("SORE").build());
        assertThat(sore.interval()).isEqualTo(new Interval(5, 7));
        Recommendation fatigued = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("FATIGUED").build());
        assertThat(fatigued.interval()).isEqualTo(new Interval(5, 7));

        // Both: still +2 once, and two warnings.
        Recommendation both = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("SORE", "FATIGUED").build());
        assertThat(both.interval()).isEqualTo(new Interval(5, 7));
        assertThat(Outcome.firings(both, TWO_MORE_DAYS)).isEqualTo(1);
        assertThat(Outcome.warnings(both)).containsExactlyInAnyOrder("ALLOW_RECOVERY(SORE)", "ALLOW_RECOVERY(FATIGUED)");

        // Near miss: felt fine: 3-7.
        Recommendation fine = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").build());
        assertThat(fine.interval()).isEqualTo(new Interval(3, 7));
        assertThat(fine.firedRules()).doesNotContain(TWO_MORE_DAYS);

        // After the floors: approved, guided injury with Swedish massage, 2-4 without soreness; +2 -> 4-4,
        // a day of choice kept -> 4-5. The explanation never shows a crossed range.
        Recommendation injury = evaluate(client().goal("INJURY_RECOVERY").activityLevel("ATHLETE").bodyResponse("SORE")
                .medicalApproval(true).guidedByTherapist(true).build());
        assertThat(injury.interval()).isEqualTo(new Interval(4, 5));
        assertThat(injury.explanation()).filteredOn(f -> f.rule().equals(TWO_MORE_DAYS)).singleElement()
                .satisfies(f -> assertThat(f.effect()).isEqualTo("recovery: minDays +2 after the floors: 2-4 days -> 4-5 days"));
    }

    @Test
    void recoveryIsAddedEvenWhenAHealthConditionBlocksTheShorteningAdjustments() {
        // Maintenance 14-30 + 2: 16-30; the condition removes the athlete 0/-2, not the +2.
        Recommendation r = evaluate(client().goal("MAINTENANCE").massageType("SWEDISH").activityLevel("ATHLETE")
                .bodyResponse("SORE").conditions("NERVE_ISSUE").build());
        assertThat(r.interval()).isEqualTo(new Interval(16, 30));
        assertThat(Outcome.warnings(r)).containsExactlyInAnyOrder("ALLOW_RECOVERY(SORE)", "CONSULT_DOCTOR(NERVE_ISSUE)");
    }
}
