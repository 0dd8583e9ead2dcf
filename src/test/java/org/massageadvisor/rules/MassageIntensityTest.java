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

/** massage-intensity.drl: intense work needs more recovery; gentle massage may come more often. */
class MassageIntensityTest {

    static final String INTENSE = "A massage type the vocabulary marks intense is intense work";
    static final String UP_TO_A_WEEK = "Deep tissue may need up to a week of recovery";
    static final String GENTLE = "Gentle massage may come a day sooner";

    @ParameterizedTest
    @ValueSource(strings = {"DEEP_TISSUE", "SPORTS", "TRIGGER_POINT"})
    @DisplayName(INTENSE)
    void aMassageTypeTheVocabularyMarksIntenseIsIntenseWork(String type) {
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType(type).build());
        assertThat(r.firedRules()).contains(INTENSE).doesNotContain(GENTLE);
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
        // 3-7, athlete -1/-2: 2-5; floor 2/3 met; floor 1/7 stretches maxDays: 2-7.
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").activityLevel("ATHLETE").build());
        assertThat(r.interval()).isEqualTo(new Interval(2, 7));
        assertThat(r.firedRules()).containsOnlyOnce(UP_TO_A_WEEK);

        // Near miss: sports massage is intense but not deep tissue: 3-7, -1/-2: 2-5; floor 2/3 met; no week: 2-5.
        Recommendation sports = evaluate(client().goal("CHRONIC_PAIN").massageType("SPORTS").activityLevel("ATHLETE").build());
        assertThat(sports.interval()).isEqualTo(new Interval(2, 5));
        assertThat(sports.firedRules()).doesNotContain(UP_TO_A_WEEK);

        // Near miss: Swedish, not intense: 3-7, -1 gentle, -1/-2 athlete: 1-5.
        Recommendation nearMiss = evaluate(client().goal("CHRONIC_PAIN").massageType("SWEDISH").activityLevel("ATHLETE").build());
        assertThat(nearMiss.interval()).isEqualTo(new Interval(1, 5));
        assertThat(nearMiss.firedRules()).doesNotContain(UP_TO_A_WEEK);
    }

    @Test
    @DisplayName(GENTLE)
    void gentleMassageMayComeADaySooner() {
        // 7-14, -1 on minDays: 6-14.
        Recommendation swedish = evaluate(client().goal("RELAXATION").massageType("SWEDISH").build());
        assertThat(swedish.interval()).isEqualTo(new Interval(6, 14));
        assertThat(swedish.firedRules()).containsOnlyOnce(GENTLE);
        Recommendation relaxation = evaluate(client().goal("RELAXATION").massageType("RELAXATION").build());
        assertThat(relaxation.interval()).isEqualTo(new Interval(6, 14));
        assertThat(relaxation.explanation()).filteredOn(f -> f.rule().equals(GENTLE))
                .singleElement().satisfies(f -> assertThat(f.effect()).isEqualTo("minDays -1, maxDays +0: 7-14 days -> 6-14 days"));

        // Near misses: a health condition; an intense type.
        Recommendation condition = evaluate(client().goal("RELAXATION").massageType("SWEDISH").conditions("OSTEOPOROSIS").build());
        assertThat(condition.interval()).isEqualTo(new Interval(7, 14));
        assertThat(condition.firedRules()).doesNotContain(GENTLE);
        Recommendation intense = evaluate(client().goal("RELAXATION").massageType("SPORTS").build());
        assertThat(intense.interval()).isEqualTo(new Interval(7, 14));
        assertThat(intense.firedRules()).doesNotContain(GENTLE);
    }
}
