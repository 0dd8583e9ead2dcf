package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.IssuedWarning;
import org.massageadvisor.recommendation.Recommendation;

class EvaluatorSmokeTest {

    @Test
    void chronicPainDeepTissueSoreWithHerniatedDiscGetsFiveToSevenDaysAndTwoWarnings() {
        Recommendation r = TestRules.evaluate(TestRules.client().goal("CHRONIC_PAIN").massageType("DEEP_TISSUE")
                .bodyResponse("SORE").conditions("HERNIATED_DISC").build());
        // 3-7 (chronic pain start); intense floors 3/4 and 3/7 already met; + 2 on minDays (recovery) = 5-7.
        assertThat(r.interval()).isEqualTo(new Interval(5, 7));
        // Most severe first: the doctor card (warning) before the recovery card (info).
        assertThat(r.warnings()).extracting(IssuedWarning::code).containsExactly("CONSULT_DOCTOR", "ALLOW_RECOVERY");
        assertThat(r.rulesetVersion()).startsWith("sha256:");
    }
}
