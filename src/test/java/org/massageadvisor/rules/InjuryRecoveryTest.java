package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massageadvisor.TestRules.client;
import static org.massageadvisor.TestRules.evaluate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.Recommendation;
import org.massageadvisor.recommendation.Status;

/** injury-recovery.drl: massage for an injury only with a doctor's approval and a guiding therapist. */
class InjuryRecoveryTest {

    static final String NO_APPROVAL = "Injury recovery without medical approval is referred to a doctor";
    static final String NO_THERAPIST = "Injury recovery without a guiding therapist is referred to a therapist";
    static final String GENTLE = "Injury recovery calls for gentle sessions rather than intense work";

    @Test
    @DisplayName(NO_APPROVAL)
    void injuryRecoveryWithoutMedicalApprovalIsReferredToADoctor() {
        Recommendation r = evaluate(client().goal("INJURY_RECOVERY").guidedByTherapist(true).build());
        assertThat(r.status()).isEqualTo(Status.REFER);
        assertThat(r.interval()).isNull();
        assertThat(Outcome.warnings(r)).containsExactly("MEDICAL_APPROVAL_REQUIRED");
        assertThat(r.warnings().get(0).indicator()).isEqualTo("critical");
        // A referred client gets no session tips.
        assertThat(Outcome.tips(r)).isEmpty();
        assertThat(r.firedRules()).contains(NO_APPROVAL).doesNotContain(NO_THERAPIST, GoalRangesTest.INJURY_RECOVERY);

        Recommendation nearMiss = evaluate(client().goal("INJURY_RECOVERY").guidedByTherapist(true).medicalApproval(true).build());
        assertThat(nearMiss.firedRules()).doesNotContain(NO_APPROVAL);
        assertThat(nearMiss.status()).isEqualTo(Status.RECOMMENDED);
        assertThat(Outcome.warnings(nearMiss)).isEmpty();
    }

    @Test
    @DisplayName(NO_THERAPIST)
    void injuryRecoveryWithoutAGuidingTherapistIsReferredToATherapist() {
        Recommendation r = evaluate(client().goal("INJURY_RECOVERY").medicalApproval(true).build());
        assertThat(r.status()).isEqualTo(Status.REFER);
        assertThat(r.interval()).isNull();
        assertThat(Outcome.warnings(r)).containsExactly("THERAPIST_GUIDANCE_REQUIRED");
        assertThat(Outcome.tips(r)).isEmpty();
        assertThat(r.firedRules()).contains(NO_THERAPIST).doesNotContain(NO_APPROVAL);

        Recommendation nearMiss = evaluate(client().goal("INJURY_RECOVERY").medicalApproval(true).guidedByTherapist(true).build());
        assertThat(nearMiss.firedRules()).doesNotContain(NO_THERAPIST);
        assertThat(nearMiss.interval()).isEqualTo(new Interval(2, 4));
    }

    @Test
    void injuryRecoveryWithNeitherApprovalNorTherapistGetsBothWarnings() {
        Recommendation r = evaluate(client().goal("INJURY_RECOVERY").build());
        assertThat(r.status()).isEqualTo(Status.REFER);
        assertThat(r.interval()).isNull();
        assertThat(Outcome.warnings(r)).containsExactlyInAnyOrder("MEDICAL_APPROVAL_REQUIRED", "THERAPIST_GUIDANCE_REQUIRED");
        // A referral is not "no interval rule": the gap warning stays out.
        assertThat(Outcome.warnings(r)).doesNotContain("NO_INTERVAL");
    }

    @Test
    @DisplayName(GENTLE)
    void injuryRecoveryCallsForGentleSessionsRatherThanIntenseWork() {
        // 2-4; floor 3/4 -> 3-4, floor 3/7 stretches to 3-7.
        Recommendation r = evaluate(client().goal("INJURY_RECOVERY").massageType("DEEP_TISSUE")
                .medicalApproval(true).guidedByTherapist(true).build());
        assertThat(r.status()).isEqualTo(Status.RECOMMENDED);
        assertThat(r.interval()).isEqualTo(new Interval(3, 7));
        assertThat(Outcome.warnings(r)).containsExactly("GENTLE_SESSIONS_ADVISED");
        assertThat(r.firedRules()).contains(GENTLE);

        // Near miss: a referred client gets no plan advice.
        Recommendation referred = evaluate(client().goal("INJURY_RECOVERY").massageType("SPORTS").build());
        assertThat(Outcome.warnings(referred)).containsExactlyInAnyOrder("MEDICAL_APPROVAL_REQUIRED", "THERAPIST_GUIDANCE_REQUIRED");
        assertThat(referred.firedRules()).doesNotContain(GENTLE);

        // Near misses: a gentle type; intense work for another goal.
        Recommendation gentle = evaluate(client().goal("INJURY_RECOVERY").massageType("SWEDISH")
                .medicalApproval(true).guidedByTherapist(true).build());
        assertThat(gentle.firedRules()).doesNotContain(GENTLE);
        assertThat(Outcome.warnings(gentle)).isEmpty();
        Recommendation chronic = evaluate(client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE").build());
        assertThat(chronic.firedRules()).doesNotContain(GENTLE);
        assertThat(Outcome.warnings(chronic)).isEmpty();
    }
}
