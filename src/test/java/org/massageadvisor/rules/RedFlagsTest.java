package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massageadvisor.TestRules.client;
import static org.massageadvisor.TestRules.evaluate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** red-flags.drl: back-pain red flags refer the client urgently, with a critical card. */
class RedFlagsTest {

    static final String SADDLE = "Numbness in the saddle area needs emergency care, not massage";
    static final String BLADDER = "New bladder or bowel problems need emergency care, not massage";
    static final String LEGS = "Leg weakness with back pain needs urgent care, not massage";
    static final String WEIGHT = "Unexplained weight loss with back pain needs an urgent doctor's appointment, not massage";

    @Test
    @DisplayName(SADDLE)
    void saddleNumbness() {
        PrecautionsTest.assertReferred(evaluate(client().goal("CHRONIC_PAIN").conditions("SADDLE_NUMBNESS").build()), "SADDLE_NUMBNESS");
        assertThat(evaluate(client().goal("CHRONIC_PAIN").conditions("NERVE_ISSUE").build()).firedRules()).doesNotContain(SADDLE);
    }

    @Test
    @DisplayName(BLADDER)
    void bladderOrBowelProblems() {
        PrecautionsTest.assertReferred(evaluate(client().conditions("BLADDER_BOWEL_CHANGE").build()), "BLADDER_BOWEL_CHANGE");
        assertThat(evaluate(client().build()).firedRules()).doesNotContain(BLADDER);
    }

    @Test
    @DisplayName(LEGS)
    void legWeaknessEvenForAnApprovedGuidedInjury() {
        PrecautionsTest.assertReferred(evaluate(client().goal("INJURY_RECOVERY").medicalApproval(true).guidedByTherapist(true)
                .conditions("LEG_WEAKNESS").build()), "LEG_WEAKNESS");
        assertThat(evaluate(client().conditions("HERNIATED_DISC").build()).firedRules()).doesNotContain(LEGS);
    }

    @Test
    @DisplayName(WEIGHT)
    void unexplainedWeightLoss() {
        PrecautionsTest.assertReferred(evaluate(client().conditions("UNEXPLAINED_WEIGHT_LOSS").build()), "UNEXPLAINED_WEIGHT_LOSS");
        assertThat(evaluate(client().conditions("CANCER_TREATMENT").build()).firedRules()).doesNotContain(WEIGHT);
    }
}
