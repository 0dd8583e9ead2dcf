package org.massageadvisor.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Client;

class InputSpaceTest {

    @Test
    void weeksAreCutWhereTheRulesCompareThem() {
        assertThat(InputSpace.weekBuckets(List.of("Client( weeksInTreatment >= 4 )"), List.of())).containsExactly(0, 3, 4);
        assertThat(InputSpace.weekBuckets(List.of("Client( weeksInTreatment > 10 )"), List.of())).containsExactly(0, 10, 11);
        assertThat(InputSpace.weekBuckets(List.of("Client( weeksInTreatment == 2 )"), List.of(6))).containsExactly(0, 1, 2, 3, 5, 6);
        // A comment does not count; no comparison at all leaves weeks 0 only.
        assertThat(InputSpace.weekBuckets(List.of("// weeksInTreatment >= 9\nClient()"), List.of())).containsExactly(0);
        // Arithmetic on weeks hides the cuts: sample widely instead.
        assertThat(InputSpace.weekBuckets(List.of("Client( weeksInTreatment * 2 > 9 )"), List.of())).isEqualTo(InputSpace.WIDE_WEEKS);
    }

    @Test
    void theShippedSpaceHasEveryCombinationOnce() {
        InputSpace space = new InputSpace(TestRules.evaluator().ruleBase().vocabulary(), List.of(0, 3, 4));
        // 4 goals x 5 types x 2^2 body responses x 2^7 conditions x 4 activity levels x 2 x 2 flags x 3 weeks x 3 trends.
        assertThat(space.size()).isEqualTo(1_474_560L);
        assertThat(space.get(0)).isEqualTo(new Client(null, "RELAXATION", "DEEP_TISSUE", List.of(), List.of(), "SEDENTARY",
                false, false, 0, "IMPROVING"));
        Set<Client> seen = new HashSet<>();
        for (long i = 0; i < space.size(); i += 997) {
            assertThat(seen.add(space.get(i))).isTrue();
        }
        assertThat(space.get(space.size() - 1)).isEqualTo(new Client(null, "MAINTENANCE", "RELAXATION", List.of("FATIGUED", "SORE"),
                List.of("ANTICOAGULANTS", "BLOOD_CLOT", "FEVER", "HERNIATED_DISC", "NERVE_ISSUE", "OSTEOPOROSIS", "PREGNANCY"),
                "PHYSICAL_JOB", true, true, 4, "WORSENING"));
    }
}
