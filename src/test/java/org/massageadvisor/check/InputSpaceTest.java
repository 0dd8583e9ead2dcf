package org.massageadvisor.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.Category;
import org.massageadvisor.client.Client;
import org.massageadvisor.client.Vocabulary;

class InputSpaceTest {

    private static Vocabulary vocabulary() {
        return TestRules.evaluator().ruleBase().vocabulary();
    }

    @Test
    void weeksAreCutWhereTheRulesCompareThem() {
        // One representative per class: the lowest value of each.
        assertThat(InputSpace.weekBuckets(List.of("Client( weeksInTreatment >= 4 )"), List.of())).containsExactly(0, 4);
        assertThat(InputSpace.weekBuckets(List.of("Client( weeksInTreatment > 10 )"), List.of())).containsExactly(0, 11);
        assertThat(InputSpace.weekBuckets(List.of("Client( weeksInTreatment == 2 )"), List.of(6))).containsExactly(0, 2, 3, 6);
        // A comment does not count; no comparison at all leaves weeks 0 only.
        assertThat(InputSpace.weekBuckets(List.of("// weeksInTreatment >= 9\nClient()"), List.of())).containsExactly(0);
        // Arithmetic on weeks hides the cuts: sample widely instead.
        assertThat(InputSpace.weekBuckets(List.of("Client( weeksInTreatment * 2 > 9 )"), List.of())).isEqualTo(InputSpace.WIDE_WEEKS);
    }

    @Test
    void agesAreAbsentThenCutWhereTheRulesCompareThem() {
        assertThat(InputSpace.ageBuckets(List.of("Client( age != null, age >= 65 )"), List.of())).containsExactly(null, 64, 65);
        // A description that says "age" in words, or "massage", is no use of the field.
        assertThat(InputSpace.ageBuckets(List.of("@description(\"at any age\") Client( massageType == \"X\" )"), List.of()))
                .containsExactly((Integer) null);
        assertThat(InputSpace.ageBuckets(List.of("Client( age / 10 > 6 )"), List.of())).isEqualTo(InputSpace.WIDE_AGES);
    }

    @Test
    void termsNoRuleNamesShareAClassAndInvariantTestsSplitThem() {
        String drl = "Client( activityLevel == \"ATHLETE\" ) Client( goal == \"RELAXATION\" ) Client( $t : massageType )"
                + " MassageType( name == $t, intense ) Client( massageType == \"DEEP_TISSUE\" )";
        Map<Category, List<List<String>>> classes = InputSpace.termClasses(vocabulary(), List.of(drl), Map.of());
        assertThat(classes.get(Category.ACTIVITY_LEVEL)).containsExactly(List.of("SEDENTARY", "MODERATE", "PHYSICAL_JOB"), List.of("ATHLETE"));
        // "RELAXATION" is compared with the goal, so the relaxation massage stays in the gentle class.
        assertThat(classes.get(Category.MASSAGE_TYPE)).containsExactly(List.of("DEEP_TISSUE"), List.of("SPORTS", "TRIGGER_POINT"),
                List.of("SWEDISH", "RELAXATION"));
        Map<Category, List<List<String>>> split = InputSpace.termClasses(vocabulary(), List.of(drl),
                Map.of(Category.ACTIVITY_LEVEL, List.of(Set.of("SEDENTARY", "MODERATE"))));
        assertThat(split.get(Category.ACTIVITY_LEVEL)).containsExactly(List.of("SEDENTARY", "MODERATE"), List.of("ATHLETE"),
                List.of("PHYSICAL_JOB"));
        // Any other use of the field keeps every term alone.
        Map<Category, List<List<String>>> opaque = InputSpace.termClasses(vocabulary(), List.of("Client( activityLevel.length() > 5 )"),
                Map.of());
        assertThat(opaque.get(Category.ACTIVITY_LEVEL)).hasSize(4);
    }

    @Test
    void theFullSpaceHasEveryCombinationOnce() {
        InputSpace space = new InputSpace(vocabulary(), List.of(0, 4));
        // 4 goals x 5 types x 2^2 body responses x 2^17 conditions x 4 activity levels x 2 x 2 flags x 2 weeks x 3 trends x 1 age.
        assertThat(space.size()).isEqualTo(4L * 5 * 4 * (1L << 17) * 4 * 4 * 2 * 3);
        assertThat(space.isComplete()).isTrue();
        assertThat(space.get(0)).isEqualTo(new Client(null, "RELAXATION", "DEEP_TISSUE", List.of(), List.of(), "SEDENTARY",
                false, false, 0, "IMPROVING"));
        Set<Client> seen = new HashSet<>();
        for (long i = 0; i < space.size(); i += 99_991) {
            assertThat(seen.add(space.get(i))).isTrue();
        }
    }

    @Test
    void aBoundedSpaceTakesEveryCombinationOfUpToNConditions() {
        Map<Category, List<List<String>>> classes = InputSpace.termClasses(vocabulary(), List.of(), Map.of());
        List<Integer> ages = Arrays.asList(null, 64, 65);
        InputSpace two = new InputSpace(vocabulary(), List.of(0, 4), ages, classes, 2);
        // 1 + 17 + 17 * 16 / 2 = 154 subsets.
        assertThat(two.dimensions()).containsEntry("conditions (subsets of up to 2 of 17 terms)", 154);
        assertThat(two.conditionCoverage()).isEqualTo("every combination of up to 2 of the 17 conditions (154 of 2^17 subsets)");
        Set<List<String>> subsets = new HashSet<>();
        for (long i = 0; i < two.size(); i++) {
            Client c = two.get(i);
            assertThat(c.conditions()).hasSizeLessThanOrEqualTo(2);
            subsets.add(c.conditions());
            // The same profile without a body response is the one withoutBodyResponse points at.
            Client plain = two.get(two.withoutBodyResponse(i));
            assertThat(plain.bodyResponse()).isEmpty();
            assertThat(plain.withAge(c.age())).isEqualTo(new Client(null, c.goal(), c.massageType(), List.of(), c.conditions(),
                    c.activityLevel(), c.medicalApproval(), c.guidedByTherapist(), c.weeksInTreatment(), c.symptomTrend(), c.age()));
            i += 97;
        }
        assertThat(subsets).hasSizeGreaterThan(100);
        // The budget picks the largest bound that fits.
        assertThat(InputSpace.bounded(vocabulary(), List.of(0, 4), ages, classes, two.size()).maxConditions()).isEqualTo(2);
        assertThat(InputSpace.bounded(vocabulary(), List.of(0, 4), ages, classes, two.size() - 1).maxConditions()).isEqualTo(1);
    }
}
