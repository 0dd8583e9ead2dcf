package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massageadvisor.TestRules.client;
import static org.massageadvisor.TestRules.evaluate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/** precautions.csv (a decision table): conditions that refer the client, or call for a doctor's advice and light pressure. */
class PrecautionsTest {

    static final String BLOOD_CLOT = "A blood clot rules massage out until a doctor has cleared it";
    static final String FEVER = "A fever or active infection rules massage out until it has passed";
    static final String THINNERS = "Blood-thinning medication needs a doctor's advice";
    static final String THINNERS_INTENSE = "Blood-thinning medication rules intense massage out";
    static final String BLEEDING = "A bleeding disorder needs a doctor's advice";
    static final String BLEEDING_INTENSE = "A bleeding disorder rules intense massage out";
    static final String PREGNANCY = "Pregnancy needs a doctor's advice before massage";
    static final String PRENATAL = "Pregnancy calls for a therapist trained in prenatal massage";
    static final String PREGNANCY_PRESSURE = "Pregnancy calls for light pressure rather than intense work";
    static final String HIGH_RISK = "A high-risk pregnancy rules massage out until the obstetric team has cleared it";
    static final String CANCER = "Cancer treatment needs the oncology team's advice";
    static final String CANCER_PRESSURE = "Cancer treatment calls for light pressure rather than intense work";
    static final String SURGERY = "Recent surgery rules massage out until the surgeon has cleared it";
    static final String FRACTURE = "A recent fracture rules massage out until it has healed";
    static final String SKIN = "An open wound or skin infection on the back rules back massage out until it has healed";

    /** A referral: no interval, no tips, a critical card first, a CONSULT_DOCTOR card about the condition. */
    static void assertReferred(Recommendation r, String condition) {
        assertThat(r.status()).isEqualTo(Status.REFER);
        assertThat(r.interval()).isNull();
        assertThat(r.tips()).isEmpty();
        assertThat(r.warnings().get(0).indicator()).isEqualTo("critical");
        assertThat(Outcome.warnings(r)).contains("CONSULT_DOCTOR(" + condition + ")");
    }

    @Test
    @DisplayName(BLOOD_CLOT)
    void aBloodClotRulesMassageOut() {
        Recommendation r = evaluate(client().conditions("BLOOD_CLOT").build());
        assertReferred(r, "BLOOD_CLOT");
        assertThat(r.firedRules()).contains(BLOOD_CLOT);
        // Near miss: a herniated disc keeps the interval and an amber card.
        Recommendation nearMiss = evaluate(client().conditions("HERNIATED_DISC").build());
        assertThat(nearMiss.status()).isEqualTo(Status.RECOMMENDED);
        assertThat(nearMiss.warnings().get(0).indicator()).isEqualTo("warning");
    }

    @Test
    @DisplayName(FEVER)
    void aFeverRulesMassageOutWithNoExerciseTip() {
        Recommendation r = evaluate(client().goal("MAINTENANCE").conditions("FEVER").build());
        assertReferred(r, "FEVER");
        assertThat(Outcome.tips(r)).doesNotContain("EXERCISE");
        assertThat(evaluate(client().goal("MAINTENANCE").build()).firedRules()).doesNotContain(FEVER);
    }

    @Test
    @DisplayName(THINNERS)
    void bloodThinnersNeedADoctorsAdvice() {
        // Swedish: 7-14, an amber card, no referral.
        Recommendation r = evaluate(client().conditions("ANTICOAGULANTS").build());
        assertThat(r.interval()).isEqualTo(new Interval(7, 14));
        assertThat(Outcome.warnings(r)).containsExactly("CONSULT_DOCTOR(ANTICOAGULANTS)");
        assertThat(evaluate(client().build()).firedRules()).doesNotContain(THINNERS);
    }

    @Test
    @DisplayName(THINNERS_INTENSE)
    void bloodThinnersRuleIntenseMassageOut() {
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").conditions("ANTICOAGULANTS").build());
        assertReferred(r, "ANTICOAGULANTS");
        assertThat(Outcome.warnings(r)).containsExactly("GENTLE_PRESSURE_ADVISED(ANTICOAGULANTS)", "CONSULT_DOCTOR(ANTICOAGULANTS)");
        // Near miss: a gentle type is not referred.
        assertThat(evaluate(client().goal("CHRONIC_PAIN").conditions("ANTICOAGULANTS").build()).firedRules()).doesNotContain(THINNERS_INTENSE);
    }

    @Test
    @DisplayName(BLEEDING)
    void aBleedingDisorderNeedsADoctorsAdvice() {
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").conditions("BLEEDING_DISORDER").build());
        assertThat(r.interval()).isEqualTo(new Interval(3, 7));
        assertThat(Outcome.warnings(r)).containsExactly("CONSULT_DOCTOR(BLEEDING_DISORDER)");
        assertThat(evaluate(client().conditions("ANTICOAGULANTS").build()).firedRules()).doesNotContain(BLEEDING);
    }

    @Test
    @DisplayName(BLEEDING_INTENSE)
    void aBleedingDisorderRulesIntenseMassageOut() {
        Recommendation r = evaluate(client().massageType("TRIGGER_POINT").conditions("BLEEDING_DISORDER").build());
        assertReferred(r, "BLEEDING_DISORDER");
        assertThat(evaluate(client().conditions("BLEEDING_DISORDER").build()).firedRules()).doesNotContain(BLEEDING_INTENSE);
    }

    @Test
    @DisplayName(PREGNANCY)
    void pregnancyNeedsADoctorsAdvice() {
        Recommendation r = evaluate(client().conditions("PREGNANCY").build());
        assertThat(r.interval()).isEqualTo(new Interval(7, 14));
        assertThat(Outcome.warnings(r)).containsExactly("CONSULT_DOCTOR(PREGNANCY)", "PRENATAL_THERAPIST_ADVISED(PREGNANCY)");
        assertThat(evaluate(client().build()).firedRules()).doesNotContain(PREGNANCY);
    }

    @Test
    @DisplayName(PRENATAL)
    void pregnancyCallsForAPrenatalTrainedTherapist() {
        assertThat(evaluate(client().conditions("PREGNANCY").build()).firedRules()).contains(PRENATAL);
        // Near miss: referred (high risk) -> no plan advice.
        Recommendation referred = evaluate(client().conditions("PREGNANCY", "HIGH_RISK_PREGNANCY").build());
        assertThat(referred.firedRules()).doesNotContain(PRENATAL);
    }

    @Test
    @DisplayName(PREGNANCY_PRESSURE)
    void pregnancyCallsForLightPressure() {
        // 3-7 chronic pain, deep tissue: floors 3/4, 3/7 met.
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").conditions("PREGNANCY").build());
        assertThat(r.interval()).isEqualTo(new Interval(3, 7));
        assertThat(Outcome.warnings(r)).contains("GENTLE_PRESSURE_ADVISED(PREGNANCY)");
        assertThat(evaluate(client().goal("CHRONIC_PAIN").conditions("PREGNANCY").build()).firedRules()).doesNotContain(PREGNANCY_PRESSURE);
    }

    @Test
    @DisplayName(HIGH_RISK)
    void aHighRiskPregnancyIsReferred() {
        assertReferred(evaluate(client().conditions("HIGH_RISK_PREGNANCY").build()), "HIGH_RISK_PREGNANCY");
        assertThat(evaluate(client().conditions("PREGNANCY").build()).firedRules()).doesNotContain(HIGH_RISK);
    }

    @Test
    @DisplayName(CANCER)
    void cancerTreatmentNeedsTheCareTeamsAdvice() {
        Recommendation r = evaluate(client().activityLevel("ATHLETE").conditions("CANCER_TREATMENT").build());
        assertThat(r.interval()).isEqualTo(new Interval(7, 14));
        assertThat(Outcome.warnings(r)).containsExactly("CONSULT_DOCTOR(CANCER_TREATMENT)");
        assertThat(evaluate(client().build()).firedRules()).doesNotContain(CANCER);
    }

    @Test
    @DisplayName(CANCER_PRESSURE)
    void cancerTreatmentCallsForLightPressure() {
        Recommendation r = evaluate(client().massageType("SPORTS").conditions("CANCER_TREATMENT").build());
        assertThat(Outcome.warnings(r)).contains("GENTLE_PRESSURE_ADVISED(CANCER_TREATMENT)");
        assertThat(evaluate(client().conditions("CANCER_TREATMENT").build()).firedRules()).doesNotContain(CANCER_PRESSURE);
    }

    @Test
    @DisplayName(SURGERY)
    void recentSurgeryIsReferred() {
        assertReferred(evaluate(client().conditions("RECENT_SURGERY").build()), "RECENT_SURGERY");
        assertThat(evaluate(client().conditions("RECENT_FRACTURE").build()).firedRules()).doesNotContain(SURGERY);
    }

    @Test
    @DisplayName(FRACTURE)
    void aRecentFractureIsReferred() {
        assertReferred(evaluate(client().conditions("RECENT_FRACTURE").build()), "RECENT_FRACTURE");
        assertThat(evaluate(client().conditions("OSTEOPOROSIS").build()).firedRules()).doesNotContain(FRACTURE);
    }

    @Test
    @DisplayName(SKIN)
    void aSkinInfectionIsReferred() {
        assertReferred(evaluate(client().conditions("SKIN_INFECTION").build()), "SKIN_INFECTION");
        assertThat(evaluate(client().conditions("FEVER").build()).firedRules()).doesNotContain(SKIN);
    }
}
