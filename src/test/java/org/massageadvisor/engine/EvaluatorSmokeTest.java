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
        // 3-7 (chronic pain start) + 2 on minDays (recovery) = 5-7; intense floors 2/3 and 7 already met.
        assertThat(r.interval()).isEqualTo(new Interval(5, 7));
        assertThat(r.warnings()).extracting(IssuedWarning::code).containsExactly("ALLOW_RECOVERY", "CONSULT_DOCTOR");
        assertThat(r.rulesetVersion()).startsWith("sha256:");
    }
}
