package org.massageadvisor.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Changes described as a clinician reviews them, worked out by hand from the two texts. */
class ClinicalDiffTest {

    private static final String HEAD = """
            package org.massageadvisor.rules;
            import org.massageadvisor.client.Client;
            import org.massageadvisor.facts.*;
            global org.massageadvisor.facts.Conclusions conclusions;
            """;

    private static String rule(String name, String source, String when, String then) {
        return "rule \"" + name + "\"\n    @source(\"" + source + "\")\n    salience 30\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    private static List<String> diff(String path, String before, String after) {
        return ClinicalDiff.of(path, before == null ? null : before.getBytes(StandardCharsets.UTF_8),
                after == null ? null : after.getBytes(StandardCharsets.UTF_8)).stream().map(ClinicalChange::what).toList();
    }

    @Test
    void aRangeChangeNamesTheGoalAndBothRanges() {
        String before = HEAD + rule("Chronic pain", "s", "Client( goal == \"CHRONIC_PAIN\" )", "conclusions.add( new BaseRange( 3, 7 ) );");
        String after = HEAD + rule("Chronic pain", "s", "Client( goal == \"CHRONIC_PAIN\" )", "conclusions.add( new BaseRange( 4, 7 ) );");
        assertThat(diff("goal-ranges.drl", before, after)).containsExactly("range for CHRONIC_PAIN: 3-7 days -> 4-7 days");
    }

    @Test
    void adjustmentsMetadataRenamesAdditionsAndRemovals() {
        String a = rule("Athletes", "old source", "Client( activityLevel == \"ATHLETE\" )", "conclusions.add( new Adjustment( 0, -2 ) );");
        String b = rule("Gone", "s", "Client( age > 70 )", "conclusions.add( new Floor( 5, 10 ) );");
        String c = rule("Old name", "s", "Client( goal == \"MAINTENANCE\" )", "conclusions.add( new BaseRange( 14, 30 ) );");
        String a2 = rule("Athletes", "new source", "Client( activityLevel == \"ATHLETE\" )", "conclusions.add( new Adjustment( 0, -3 ) );");
        String c2 = rule("New name", "s", "Client( goal == \"MAINTENANCE\" )", "conclusions.add( new BaseRange( 14, 30 ) );");
        String d = rule("Fresh", "s", "Client( goal == \"RELAXATION\" )", "conclusions.add( new BaseRange( 7, 14 ) );");
        assertThat(diff("x.drl", HEAD + a + b + c, HEAD + a2 + c2 + d)).containsExactlyInAnyOrder(
                "rule renamed: \"Old name\" -> \"New name\"",
                "rule removed: \"Gone\" (floor 5-10 days)",
                "rule added: \"Fresh\" (range for RELAXATION 7-14 days)",
                "@source: \"old source\" -> \"new source\"",
                "adjustment: min +0, max -2 days -> min +0, max -3 days");
    }

    @Test
    void changedConditionsAreShown() {
        String before = HEAD + rule("Old", "s", "Client( age > 70 )", "conclusions.add( new Floor( 5, 10 ) );");
        String after = HEAD + rule("Old", "s", "Client( age > 75 )", "conclusions.add( new Floor( 5, 10 ) );");
        assertThat(diff("x.drl", before, after)).containsExactly("conditions: Client(age > 70) -> Client(age > 75)");
    }

    @Test
    void aTableRowChangeReadsAsARange() {
        String table = """
                RuleSet,Goal ranges
                Import,org.massageadvisor.client.Client
                RuleTable Goal ranges
                NAME,CONDITION,ACTION,ACTION
                ,$c : Client,,
                ,goal == "$param","conclusions.add(new BaseRange($param, ","$param));"
                Rule,Goal,Min days,Max days
                Chronic pain range,CHRONIC_PAIN,%s,7
                Relaxation range,RELAXATION,7,14
                """;
        assertThat(diff("goal-ranges.csv", table.formatted("3"), table.formatted("4")))
                .containsExactly("range for CHRONIC_PAIN: 3-7 days -> 4-7 days");
        String added = table.formatted("3") + "Maintenance range,MAINTENANCE,14,30\n";
        assertThat(diff("goal-ranges.csv", table.formatted("3"), added))
                .containsExactly("row added: Rule Maintenance range, Goal MAINTENANCE, Min days 14, Max days 30");
        assertThat(diff("goal-ranges.csv", added, table.formatted("3")))
                .containsExactly("row removed: Rule Maintenance range, Goal MAINTENANCE, Min days 14, Max days 30");
    }

    @Test
    void otherFilesByLineAndUnparsableDrlSaysSo() {
        assertThat(diff("vocabulary.yaml", "goals:\n  - A\n", "goals:\n  - A\n  - B\n")).containsExactly("line added: - B");
        assertThat(diff("x.drl", HEAD, HEAD + "rule \"broken\" when then")).singleElement().asString().contains("does not parse");
        assertThat(diff("new.drl", null, HEAD + rule("R", "s", "Client()", "conclusions.add( new BaseRange( 1, 2 ) );")))
                .containsExactly("file added", "rule added: \"R\" (range 1-2 days)");
    }
}
