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

/** massage-intensity.drl and .csv: intense work needs more recovery; gentle massage may come more often. */
class MassageIntensityTest {

    static final String INTENSE = "A massage type the vocabulary marks intense is intense work";
    static final String UP_TO_A_WEEK = "Deep tissue may need up to a week of recovery";

    @ParameterizedTest
    @ValueSource(strings = {"DEEP_TISSUE", "SPORTS", "TRIGGER_POINT"})
    @DisplayName(INTENSE)
    void aMassageTypeTheVocabularyMarksIntenseIsIntenseWork(String type) {
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType(type).build());
        assertThat(r.firedRules()).contains(INTENSE);
        assertThat(r.explanation()).filteredOn(f -> f.rule().equals(INTENSE))
                .singleElement().satisfies(f -> assertThat(f.effect()).isEqualTo("establishes IntenseWork"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SWEDISH", "RELAXATION"})
    void gentleTypesAreNotIntenseWork(String type) {
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType(type).build());
        assertThat(r.firedRules()).doesNotContain(INTENSE, UP_TO_A_WEEK, SafetyFloorsTest.INTENSE_FLOOR);
    }

    @Test
    @DisplayName(UP_TO_A_WEEK)
    void deepTissueMayNeedUpToAWeekOfRecovery() {
        // 3-7, athlete 0/-2: 3-5; floor 3/4 met; floor 3/7 stretches maxDays: 3-7.
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").activityLevel("ATHLETE").build());
        assertThat(r.interval()).isEqualTo(new Interval(3, 7));
        assertThat(r.firedRules()).containsOnlyOnce(UP_TO_A_WEEK);

        // Near miss: sports massage is intense but not deep tissue: 3-7, 0/-2: 3-5; floor 3/4 met; no week: 3-5.
        Recommendation sports = evaluate(client().goal("CHRONIC_PAIN").massageType("SPORTS").activityLevel("ATHLETE").build());
        assertThat(sports.interval()).isEqualTo(new Interval(3, 5));
        assertThat(sports.firedRules()).doesNotContain(UP_TO_A_WEEK);

        // Near miss: Swedish, not intense: 3-7, 0/-2 athlete: 3-5.
        Recommendation nearMiss = evaluate(client().goal("CHRONIC_PAIN").massageType("SWEDISH").activityLevel("ATHLETE").build());
        assertThat(nearMiss.interval()).isEqualTo(new Interval(3, 5));
        assertThat(nearMiss.firedRules()).doesNotContain(UP_TO_A_WEEK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SWEDISH", "RELAXATION"})
    void gentleMassageKeepsTheGoalsOwnRange(String type) {
        // 7-14: the goal range already describes gentle massage; nothing takes a day off it.
        assertThat(evaluate(client().goal("RELAXATION").massageType(type).build()).interval()).isEqualTo(new Interval(7, 14));
        assertThat(evaluate(client().goal("MAINTENANCE").massageType(type).build()).interval()).isEqualTo(new Interval(14, 30));
        assertThat(evaluate(client().goal("CHRONIC_PAIN").massageType(type).build()).interval()).isEqualTo(new Interval(3, 7));
    }
}
