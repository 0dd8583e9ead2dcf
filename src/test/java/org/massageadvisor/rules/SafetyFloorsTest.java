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
    static final String INJURY_FLOOR = "Injury recovery sessions come at most a few times a week";

    @Test
    @DisplayName(INTENSE_FLOOR)
    void intenseMassageSessionsAreAtLeast48To72HoursApart() {
        // 3-7, athlete -1/-2: 2-5; floor 2/3 already met (trigger point is not deep tissue: no week): 2-5.
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("TRIGGER_POINT").activityLevel("ATHLETE").build());
        assertThat(r.interval()).isEqualTo(new Interval(2, 5));
        assertThat(r.firedRules()).containsOnlyOnce(INTENSE_FLOOR);
        assertThat(r.explanation()).filteredOn(f -> f.rule().equals(INTENSE_FLOOR)).singleElement()
                .satisfies(f -> assertThat(f.effect()).startsWith("minDays at least 2, maxDays at least 3"));

        // Approved injury recovery with sports massage and an athlete: 2-4, -1/-2: 1-2; floor 2/3: 2-3;
        // injury floor 2/2 met: 2-3. Here the 48-72 hour floor decides: the injury floor alone gives 2-2.
        Recommendation injury = evaluate(client().goal("INJURY_RECOVERY").massageType("SPORTS").activityLevel("ATHLETE")
                .medicalApproval(true).guidedByTherapist(true).build());
        assertThat(injury.interval()).isEqualTo(new Interval(2, 3));
        assertThat(injury.firedRules()).contains(INTENSE_FLOOR, INJURY_FLOOR);

        // Near miss: Swedish: 3-7, -1 gentle, -1/-2 athlete: 1-5, no floor.
        Recommendation nearMiss = evaluate(client().goal("CHRONIC_PAIN").massageType("SWEDISH").activityLevel("ATHLETE").build());
        assertThat(nearMiss.interval()).isEqualTo(new Interval(1, 5));
        assertThat(nearMiss.firedRules()).doesNotContain(INTENSE_FLOOR);
    }

    @Test
    @DisplayName(INJURY_FLOOR)
    void injuryRecoverySessionsComeAtMostAFewTimesAWeek() {
        // 2-4, -1 gentle, -1/-2 athlete: 0-2; the floor 2/2 lifts minDays to 2: 2 days.
        Recommendation r = evaluate(client().goal("INJURY_RECOVERY").massageType("SWEDISH").activityLevel("PHYSICAL_JOB")
                .medicalApproval(true).guidedByTherapist(true).build());
        assertThat(r.status()).isEqualTo(Status.RECOMMENDED);
        assertThat(r.interval()).isEqualTo(new Interval(2, 2));
        assertThat(r.explanation()).filteredOn(f -> f.rule().equals(INJURY_FLOOR)).singleElement()
                .satisfies(f -> assertThat(f.effect()).isEqualTo("minDays at least 2, maxDays at least 2: 0-2 days -> 2-2 days"));

        // A referred client still matches the floor, but nothing of the interval is used.
        Recommendation referred = evaluate(client().goal("INJURY_RECOVERY").build());
        assertThat(referred.interval()).isNull();
        assertThat(referred.explanation()).filteredOn(f -> f.rule().equals(INJURY_FLOOR)).singleElement()
                .satisfies(f -> assertThat(f.effect()).isEqualTo("minDays at least 2, maxDays at least 2 (not used: the client is referred)"));

        // Near miss: chronic pain, same lifestyle: 3-7, -1, -1/-2: 1-5.
        Recommendation nearMiss = evaluate(client().goal("CHRONIC_PAIN").massageType("SWEDISH").activityLevel("PHYSICAL_JOB").build());
        assertThat(nearMiss.interval()).isEqualTo(new Interval(1, 5));
        assertThat(nearMiss.firedRules()).doesNotContain(INJURY_FLOOR);
    }
}
