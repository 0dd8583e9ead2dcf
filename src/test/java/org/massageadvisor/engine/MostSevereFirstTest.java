package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.recommendation.IssuedWarning;

/** The order of an answer's warnings: most severe first, firing order kept within a level. */
class MostSevereFirstTest {

    private static IssuedWarning w(String code, String indicator) {
        return new IssuedWarning(code, null, code, "rule", indicator);
    }

    @Test
    void criticalLeadsThenWarningsThenInfoEachInFiringOrder() {
        List<IssuedWarning> warnings = new ArrayList<>(List.of(w("A", "info"), w("B", "warning"), w("C", "critical"),
                w("D", "info"), w("E", "critical"), w("F", "warning")));
        Evaluator.mostSevereFirst(warnings);
        assertThat(warnings).extracting(IssuedWarning::code).containsExactly("C", "E", "B", "F", "A", "D");
    }

    @Test
    void anUnknownIndicatorRanksAsAWarning() {
        List<IssuedWarning> warnings = new ArrayList<>(List.of(w("A", "info"), w("B", "odd"), w("C", "warning"), w("D", "critical")));
        Evaluator.mostSevereFirst(warnings);
        assertThat(warnings).extracting(IssuedWarning::code).containsExactly("D", "B", "C", "A");
    }

    /** Whatever the list, the insertion sort orders it as the library's stable sort by severity does. */
    @Property(tries = 300)
    void ordersAsAStableSortBySeverity(@ForAll @Size(max = 12) List<@IntRange(max = 3) Integer> levels) {
        String[] names = {"critical", "warning", "info", "unknown"};
        List<IssuedWarning> warnings = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            warnings.add(w("W" + i, names[levels.get(i)]));
        }
        List<IssuedWarning> expected = new ArrayList<>(warnings);
        expected.sort(Comparator.comparingInt(x -> {
            int rank = Vocabulary.SEVERITY.indexOf(x.indicator());
            return rank < 0 ? 1 : rank;
        }));
        Evaluator.mostSevereFirst(warnings);
        assertThat(warnings).isEqualTo(expected);
    }
}
