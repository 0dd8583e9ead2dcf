package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massageadvisor.TestRules.client;
import static org.massageadvisor.TestRules.evaluate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.Recommendation;

/** activity-level.drl: athletes and physical workers may come more often than sedentary clients. */
class ActivityLevelTest {

    static final String ATHLETE = "Athletes lead a physically demanding life";
    static final String PHYSICAL_JOB = "A physically demanding job makes for a physically demanding life";
    static final String SOONER = "A physically demanding life may bring sessions sooner than a sedentary one";

    @Test
    @DisplayName(ATHLETE)
    void athletesLeadAPhysicallyDemandingLife() {
        Recommendation r = evaluate(client().goal("MAINTENANCE").massageType("DEEP_TISSUE").activityLevel("ATHLETE").build());
        assertThat(r.firedRules()).contains(ATHLETE, SOONER).doesNotContain(PHYSICAL_JOB);

        Recommendation nearMiss = evaluate(client().goal("MAINTENANCE").massageType("DEEP_TISSUE").activityLevel("MODERATE").build());
        assertThat(nearMiss.firedRules()).doesNotContain(ATHLETE, PHYSICAL_JOB, SOONER);
    }

    @Test
    @DisplayName(PHYSICAL_JOB)
    void aPhysicallyDemandingJobMakesForAPhysicallyDemandingLife() {
        Recommendation r = evaluate(client().goal("MAINTENANCE").massageType("DEEP_TISSUE").activityLevel("PHYSICAL_JOB").build());
        assertThat(r.firedRules()).contains(PHYSICAL_JOB, SOONER).doesNotContain(ATHLETE);

        Recommendation nearMiss = evaluate(client().goal("MAINTENANCE").massageType("DEEP_TISSUE").activityLevel("SEDENTARY").build());
        assertThat(nearMiss.firedRules()).doesNotContain(PHYSICAL_JOB, SOONER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ATHLETE", "PHYSICAL_JOB"})
    @DisplayName(SOONER)
    void aPhysicallyDemandingLifeMayBringSessionsSoonerThanASedentaryOne(String level) {
        // 14-30, 0/-2: 14-28 (minDays stays in the goal's range); intense floors met.
        Recommendation r = evaluate(client().goal("MAINTENANCE").massageType("DEEP_TISSUE").activityLevel(level).build());
        assertThat(r.interval()).isEqualTo(new Interval(14, 28));
        assertThat(Outcome.firings(r, SOONER)).isEqualTo(1);
        assertThat(r.explanation()).filteredOn(f -> f.rule().equals(SOONER))
                .singleElement().satisfies(f -> assertThat(f.effect()).isEqualTo("minDays +0, maxDays -2: 14-30 days -> 14-28 days"));

        // Near miss: injury recovery keeps the therapist's rhythm: 2-4 for approved, guided Swedish.
        Recommendation injury = evaluate(client().goal("INJURY_RECOVERY").massageType("SWEDISH").activityLevel(level)
                .medicalApproval(true).guidedByTherapist(true).build());
        assertThat(injury.interval()).isEqualTo(new Interval(2, 4));
        assertThat(injury.firedRules()).doesNotContain(SOONER);

        // Near miss: worsening chronic pain puts the plan under review: 3-7, not 3-5.
        Recommendation worsening = evaluate(client().goal("CHRONIC_PAIN").activityLevel(level).symptomTrend("WORSENING").build());
        assertThat(worsening.interval()).isEqualTo(new Interval(3, 7));
        assertThat(worsening.firedRules()).doesNotContain(SOONER);

        // Near miss: a health condition needs a doctor first: 14-30.
        Recommendation nearMiss = evaluate(client().goal("MAINTENANCE").massageType("DEEP_TISSUE").activityLevel(level)
                .conditions("NERVE_ISSUE").build());
        assertThat(nearMiss.interval()).isEqualTo(new Interval(14, 30));
        assertThat(nearMiss.firedRules()).contains(level.equals("ATHLETE") ? ATHLETE : PHYSICAL_JOB).doesNotContain(SOONER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SEDENTARY", "MODERATE"})
    void otherActivityLevelsKeepTheBaseRange(String level) {
        Recommendation r = evaluate(client().goal("MAINTENANCE").massageType("DEEP_TISSUE").activityLevel(level).build());
        assertThat(r.interval()).isEqualTo(new Interval(14, 30));
    }
}
