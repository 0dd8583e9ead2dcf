package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massageadvisor.TestRules.client;
import static org.massageadvisor.TestRules.evaluate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.massageadvisor.recommendation.Recommendation;

/** self-care-tips.drl: what the client can do between sessions. */
class SelfCareTipsTest {

    static final String LISTEN = "Every client is told to listen to their body";
    static final String ALONGSIDE = "Massage works best alongside stretching, posture work and exercise";
    static final String THERAPIST = "Clients without a therapist are advised to get a personal plan from one";

    @Test
    @DisplayName(LISTEN)
    void everyClientIsToldToListenToTheirBody() {
        // Every client with an interval.
        for (Recommendation r : new Recommendation[] {
                evaluate(client().build()),
                evaluate(client().goal("MAINTENANCE").guidedByTherapist(true).build())}) {
            assertThat(Outcome.tips(r)).containsOnlyOnce("LISTEN_TO_BODY");
            assertThat(Outcome.firings(r, LISTEN)).isEqualTo(1);
        }
        // Near miss: a referred client gets no tips at all.
        Recommendation referred = evaluate(client().goal("INJURY_RECOVERY").massageType("SPORTS").conditions("NERVE_ISSUE").build());
        assertThat(Outcome.tips(referred)).isEmpty();
        assertThat(referred.firedRules()).doesNotContain(LISTEN, ALONGSIDE, THERAPIST);
    }

    @Test
    @DisplayName(ALONGSIDE)
    void massageWorksBestAlongsideStretchingPostureWorkAndExercise() {
        Recommendation r = evaluate(client().goal("CHRONIC_PAIN").guidedByTherapist(true).build());
        assertThat(Outcome.tips(r)).containsSubsequence("STRETCHING", "POSTURE", "EXERCISE");
        assertThat(Outcome.tips(r)).containsExactlyInAnyOrderElementsOf(Outcome.GUIDED_TIPS);
        assertThat(r.tips()).filteredOn(t -> !t.code().equals("LISTEN_TO_BODY")).allSatisfy(t -> assertThat(t.rule()).isEqualTo(ALONGSIDE));
    }

    @Test
    @DisplayName(THERAPIST)
    void clientsWithoutATherapistAreAdvisedToGetAPersonalPlanFromOne() {
        Recommendation r = evaluate(client().build());
        assertThat(Outcome.tips(r)).containsExactlyInAnyOrderElementsOf(Outcome.ALL_TIPS);
        assertThat(r.firedRules()).contains(THERAPIST);

        Recommendation nearMiss = evaluate(client().guidedByTherapist(true).build());
        assertThat(Outcome.tips(nearMiss)).doesNotContain("CONSULT_THERAPIST");
        assertThat(nearMiss.firedRules()).doesNotContain(THERAPIST);
    }

    @Test
    void tipsDoNotChangeTheInterval() {
        assertThat(evaluate(client().guidedByTherapist(true).build()).interval())
                .isEqualTo(evaluate(client().guidedByTherapist(false).build()).interval());
    }
}
