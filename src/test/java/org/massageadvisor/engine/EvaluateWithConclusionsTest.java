package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.check.InputSpace;
import org.massageadvisor.client.Client;
import org.massageadvisor.facts.BaseRange;

class EvaluateWithConclusionsTest {

    @Test
    void givesTheSameRecommendationAsAFreshSessionClientAfterClient() {
        Evaluator evaluator = TestRules.evaluator();
        InputSpace space = new InputSpace(evaluator.ruleBase().vocabulary(), List.of(0, 3, 4));
        for (long i = 0; i < space.size(); i += space.size() / 300 + 1) {
            Client c = space.get(i);
            assertThat(evaluator.evaluateWithConclusions(c).recommendation()).as("%s", c)
                    .isEqualTo(evaluator.evaluateInFreshSession(c, false));
        }
    }

    @Test
    void conclusionsNameTheRuleThatDrewThem() {
        Evaluation e = TestRules.evaluator().evaluateWithConclusions(TestRules.client().goal("MAINTENANCE").build());
        assertThat(e.conclusions()).filteredOn(c -> c.fact() instanceof BaseRange)
                .containsExactly(new Conclusion("Maintenance calls for a session once or twice a month", new BaseRange(14, 30)));
    }
}
