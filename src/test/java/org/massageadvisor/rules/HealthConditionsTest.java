package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massageadvisor.TestRules.client;
import static org.massageadvisor.TestRules.evaluate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/** health-conditions.drl: each condition calls for a doctor's advice, and no "sooner" adjustment applies. */
class HealthConditionsTest {

    static final String CONCERN = "Any listed health condition is a health concern";
    static final String HERNIATED_DISC = "A herniated disc needs a doctor's advice";
    static final String OSTEOPOROSIS = "Osteoporosis needs a doctor's advice";
    static final String NERVE_ISSUE = "A nerve issue needs a doctor's advice";

    @Test
    @DisplayName(CONCERN)
    void anyListedHealthConditionIsAHealthConcern() {
        // 7-14 without the athlete's 0/-2.
        Recommendation r = evaluate(client().goal("RELAXATION").massageType("SWEDISH").activityLevel("ATHLETE")
                .conditions("OSTEOPOROSIS").build());
        assertThat(r.interval()).isEqualTo(new Interval(7, 14));
        assertThat(r.firedRules()).containsOnlyOnce(CONCERN)
                .doesNotContain(ActivityLevelTest.SOONER);

        // Two conditions are still one concern.
        Recommendation two = evaluate(client().conditions("OSTEOPOROSIS", "NERVE_ISSUE").build());
        assertThat(Outcome.firings(two, CONCERN)).isEqualTo(1);

        // Near miss: no condition: 7-14, 0/-2 athlete: 7-12.
        Recommendation nearMiss = evaluate(client().goal("RELAXATION").massageType("SWEDISH").activityLevel("ATHLETE").build());
        assertThat(nearMiss.interval()).isEqualTo(new Interval(7, 12));
        assertThat(nearMiss.firedRules()).doesNotContain(CONCERN);
    }

    @Test
    @DisplayName(HERNIATED_DISC)
    void aHerniatedDiscNeedsADoctorsAdvice() {
        // The worked example: 3-7, +2 sore: 5-7; floors met.
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").bodyResponse("SORE")
                .conditions("HERNIATED_DISC").activityLevel("SEDENTARY").build());
        assertThat(r.status()).isEqualTo(Status.RECOMMENDED);
        assertThat(r.interval()).isEqualTo(new Interval(5, 7));
        // Most severe first: the amber doctor card before the info recovery card.
        assertThat(Outcome.warnings(r)).containsExactly("CONSULT_DOCTOR(HERNIATED_DISC)", "ALLOW_RECOVERY(SORE)");
        assertThat(r.firedRules()).contains(HERNIATED_DISC).doesNotContain(OSTEOPOROSIS, NERVE_ISSUE);

        Recommendation nearMiss = evaluate(client().conditions("OSTEOPOROSIS").build());
        assertThat(nearMiss.firedRules()).doesNotContain(HERNIATED_DISC);
        assertThat(Outcome.warnings(nearMiss)).containsExactly("CONSULT_DOCTOR(OSTEOPOROSIS)");
    }

    @Test
    @DisplayName(OSTEOPOROSIS)
    void osteoporosisNeedsADoctorsAdvice() {
        Recommendation r = evaluate(client().conditions("OSTEOPOROSIS").build());
        assertThat(Outcome.warnings(r)).containsExactly("CONSULT_DOCTOR(OSTEOPOROSIS)");
        assertThat(r.firedRules()).contains(OSTEOPOROSIS);
        assertThat(r.interval()).isEqualTo(new Interval(7, 14));

        Recommendation nearMiss = evaluate(client().conditions("NERVE_ISSUE").build());
        assertThat(nearMiss.firedRules()).doesNotContain(OSTEOPOROSIS);
    }

    @Test
    @DisplayName(NERVE_ISSUE)
    void aNerveIssueNeedsADoctorsAdvice() {
        Recommendation r = evaluate(client().conditions("NERVE_ISSUE").build());
        assertThat(Outcome.warnings(r)).containsExactly("CONSULT_DOCTOR(NERVE_ISSUE)");
        assertThat(r.firedRules()).contains(NERVE_ISSUE);

        Recommendation nearMiss = evaluate(client().conditions("HERNIATED_DISC").build());
        assertThat(nearMiss.firedRules()).doesNotContain(NERVE_ISSUE);
    }

    @Test
    void everyConditionGetsItsOwnWarningEvenWhenReferred() {
        Recommendation r = evaluate(client().goal("INJURY_RECOVERY").conditions("NERVE_ISSUE", "HERNIATED_DISC", "OSTEOPOROSIS").build());
        assertThat(r.status()).isEqualTo(Status.REFER);
        assertThat(Outcome.warnings(r)).containsExactlyInAnyOrder("MEDICAL_APPROVAL_REQUIRED", "THERAPIST_GUIDANCE_REQUIRED",
                "CONSULT_DOCTOR(HERNIATED_DISC)", "CONSULT_DOCTOR(OSTEOPOROSIS)", "CONSULT_DOCTOR(NERVE_ISSUE)");
    }

    static final String OSTEOPOROSIS_PRESSURE = "Osteoporosis calls for light pressure rather than intense work";

    @Test
    @DisplayName(OSTEOPOROSIS_PRESSURE)
    void osteoporosisCallsForLightPressureRatherThanIntenseWork() {
        // 14-30 maintenance, sports: floor (3,4) met; the condition blocks the athlete's 0/-2.
        Recommendation r = evaluate(client().goal("MAINTENANCE").massageType("SPORTS").activityLevel("ATHLETE")
                .conditions("OSTEOPOROSIS").build());
        assertThat(r.interval()).isEqualTo(new Interval(14, 30));
        assertThat(Outcome.warnings(r)).containsExactly("CONSULT_DOCTOR(OSTEOPOROSIS)", "GENTLE_PRESSURE_ADVISED(OSTEOPOROSIS)");

        // Near miss: a gentle type.
        Recommendation nearMiss = evaluate(client().goal("MAINTENANCE").massageType("SWEDISH").conditions("OSTEOPOROSIS").build());
        assertThat(nearMiss.firedRules()).doesNotContain(OSTEOPOROSIS_PRESSURE);
    }
}
