package org.massageadvisor.web.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The grid editor's CSV: read into cells and written back, rows of different lengths, quoting only where needed. */
class GridTest {

    private static final String TABLE = """
            RuleSet,org.massageadvisor.rules
            Import,"org.massageadvisor.client.Client, org.massageadvisor.facts.BaseRange"

            RuleTable Goal ranges
            CONDITION,ACTION,ACTION
            $c: Client,,
            goal == $param,"insert(new BaseRange(""$param""))",
            Goal,Min days,Max days
            CHRONIC_PAIN,3,7
            """;

    @Test
    void aTableReadsIntoRowsOfCellsWithQuotesUndone() {
        Grid g = Grid.parse(TABLE);
        assertThat(g.rows()).hasSize(9);
        assertThat(g.rows().get(1)).containsExactly("Import", "org.massageadvisor.client.Client, org.massageadvisor.facts.BaseRange");
        assertThat(g.rows().get(6).get(1)).isEqualTo("insert(new BaseRange(\"$param\"))");
        assertThat(g.columns()).isEqualTo(3);
        assertThat(g.cell(0, 2)).isEmpty();
    }

    @Test
    void writingBackQuotesOnlyCellsThatNeedIt() {
        Grid g = new Grid(List.of(List.of("Goal", "Min days"), List.of("a,b", "say \"hi\""), List.of("CHRONIC_PAIN", "4", "", "")));
        assertThat(g.write(null)).isEqualTo("Goal,Min days\n\"a,b\",\"say \"\"hi\"\"\"\nCHRONIC_PAIN,4\n");
    }

    @Test
    void anEditedCellRoundTripsAndEverythingElseStays() {
        Grid g = Grid.parse(TABLE);
        List<List<String>> rows = new java.util.ArrayList<>(g.rows());
        rows.set(8, List.of("CHRONIC_PAIN", "4", "7"));
        String written = new Grid(rows).write(g.rows().stream().mapToInt(List::size).toArray());
        assertThat(Grid.parse(written).rows()).isEqualTo(rows);
        assertThat(written).contains("CHRONIC_PAIN,4,7\n").contains("\"insert(new BaseRange(\"\"$param\"\"))\"");
    }

    @Test
    void aRowKeepsItsOriginalWidthWhenGiven() {
        Grid g = new Grid(List.of(List.of("a", "", "")));
        assertThat(g.write(new int[] {3})).isEqualTo("a,,\n");
        assertThat(g.write(new int[] {1})).isEqualTo("a\n");
    }

    @Test
    void cellsAreNamedLikeASpreadsheet() {
        assertThat(Grid.name(0, 0)).isEqualTo("A1");
        assertThat(Grid.name(6, 1)).isEqualTo("B7");
        assertThat(Grid.name(0, 25)).isEqualTo("Z1");
        assertThat(Grid.name(9, 26)).isEqualTo("AA10");
    }

    @Test
    void brokenQuotingIsRefusedWithAMessage() {
        assertThatThrownBy(() -> Grid.parse("a,\"unterminated\n")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CSV");
    }
}
