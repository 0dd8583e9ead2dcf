package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massageadvisor.TestRules.client;
import static org.massageadvisor.TestRules.evaluate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/** safety-floors.drl: floors apply after every adjustment, so a floor always wins. */
class SafetyFloorsTest {

    static final String INTENSE_FLOOR = "Intense massage sessions are at least 48 to 72 hours apart";

    @Test
    @DisplayName(INTENSE_FLOOR)
    void intenseMassageSessionsAreAtLeast48To72HoursApart() {
        // 3-7, athlete 0/-2: 3-5; floor 3/4 already met (trigger point is not deep tissue: no week): 3-5.
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("TRIGGER_POINT").activityLevel("ATHLETE").build());
        assertThat(r.interval()).isEqualTo(new Interval(3, 5));
        assertThat(r.firedRules()).containsOnlyOnce(INTENSE_FLOOR);
        assertThat(r.explanation()).filteredOn(f -> f.rule().equals(INTENSE_FLOOR)).singleElement()
                .satisfies(f -> assertThat(f.effect()).startsWith("minDays at least 3, maxDays at least 4"));

        // Approved injury recovery with sports massage: 2-4 (no activity adjustment for an injury); floor 3/4: 3-4.
        Recommendation injury = evaluate(client().goal("INJURY_RECOVERY").massageType("SPORTS").activityLevel("ATHLETE")
                .medicalApproval(true).guidedByTherapist(true).build());
        assertThat(injury.interval()).isEqualTo(new Interval(3, 4));
        assertThat(injury.explanation()).filteredOn(f -> f.rule().equals(INTENSE_FLOOR)).singleElement()
                .satisfies(f -> assertThat(f.effect()).isEqualTo("minDays at least 3, maxDays at least 4: 2-4 days -> 3-4 days"));

        // Near miss: Swedish: 3-7, 0/-2 athlete: 3-5, no floor.
        Recommendation nearMiss = evaluate(client().goal("CHRONIC_PAIN").massageType("SWEDISH").activityLevel("ATHLETE").build());
        assertThat(nearMiss.interval()).isEqualTo(new Interval(3, 5));
        assertThat(nearMiss.firedRules()).doesNotContain(INTENSE_FLOOR);
    }
}
