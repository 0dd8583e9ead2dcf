package org.massageadvisor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.massageadvisor.TestRules.client;
import static org.massageadvisor.TestRules.evaluate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.massageadvisor.recommendation.Interval;
import org.massageadvisor.recommendation.Recommendation;

/** age-precautions.drl: from 65, lighter pressure and no intense work. */
class AgePrecautionsTest {

    static final String OLDER = "An older client gets lighter pressure and a check of their medicines";
    static final String OLDER_INTENSE = "An older client is steered away from intense work";

    @Test
    @DisplayName(OLDER)
    void anOlderClientGetsTheFrailtyPrecaution() {
        // 7-14: age changes no number.
        Recommendation r = evaluate(client().build().withAge(65));
        assertThat(r.interval()).isEqualTo(new Interval(7, 14));
        assertThat(Outcome.warnings(r)).containsExactly("FRAILTY_PRECAUTION");
        // Near misses: 64; no age at all; referred.
        assertThat(evaluate(client().build().withAge(64)).firedRules()).doesNotContain(OLDER);
        assertThat(evaluate(client().build()).firedRules()).doesNotContain(OLDER);
        assertThat(evaluate(client().conditions("FEVER").build().withAge(80)).firedRules()).doesNotContain(OLDER);
    }

    @Test
    @DisplayName(OLDER_INTENSE)
    void anOlderClientIsSteeredAwayFromIntenseWork() {
        Recommendation r = evaluate(client().massageType("DEEP_TISSUE").build().withAge(85));
        assertThat(Outcome.warnings(r)).containsExactly("FRAILTY_PRECAUTION", "GENTLE_PRESSURE_ADVISED");
        assertThat(evaluate(client().build().withAge(85)).firedRules()).doesNotContain(OLDER_INTENSE);
    }
}
