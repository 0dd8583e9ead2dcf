package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.client.InputException;

/** Loading and compiling a rules folder: errors as file:line:col, a content hash, rule metadata. */
class RuleBaseTest {

    @TempDir
    Path tmp;

    @Test
    void aSyntaxErrorNamesTheFileLineAndColumn() {
        Path rules = RuleFolders.copyShippedAsDrl(tmp.resolve("rules"));
        Path file = rules.resolve("goal-ranges.drl");
        List<String> lines = List.of(RuleFolders.read(file).split("\n"));
        int broken = lines.indexOf("    Client( goal == \"MAINTENANCE\" )") + 1;
        assertThat(broken).isGreaterThan(RuleFolders.lineOf(file, "Maintenance calls for a session once or twice a month"));
        assertThat(lines.get(broken)).isEqualTo("then");
        // Drop the closing parenthesis: the parser notices at the start of the next line, 'then'.
        RuleFolders.replace(file, "Client( goal == \"MAINTENANCE\" )", "Client( goal == \"MAINTENANCE\" ");

        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class, () -> RuleBase.load(rules));
        assertThat(e.problems()).hasSize(1);
        RuleProblem p = e.problems().get(0);
        assertThat(p.file()).isEqualTo(rules + "/goal-ranges.drl");
        assertThat(p.line()).isEqualTo(broken + 1);
        assertThat(p.column()).isEqualTo(1);
        assertThat(p.message()).contains("'then'").contains("Maintenance calls for a session once or twice a month");
        assertThat(e.getMessage()).startsWith(rules + "/goal-ranges.drl:" + (broken + 1) + ":1: ");
    }

    @Test
    void anUnknownFactTypeNamesTheFileAndLine() {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleFolders.write(rules.resolve("extra.drl"), """
                package org.massageadvisor.rules;

                import org.massageadvisor.client.Client;

                rule "Refers to a fact type nobody declared"
                when
                    Client()
                    NoSuchFact( client == null )
                then
                end
                """);
        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class, () -> RuleBase.load(rules));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(rules + "/extra.drl");
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.message()).contains("NoSuchFact");
        });
    }

    @Test
    void aFileWithoutAPackageIsNamed() {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        RuleFolders.write(rules.resolve("loose.drl"), "rule \"Loose\"\nwhen\nthen\nend\n");
        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOf(RuleCompilationException.class)
                .hasMessage(rules + "/loose.drl:1:1: the file declares no 'package'");
    }

    @Test
    void aMissingFolderOrVocabularyIsBadInput() {
        Path none = tmp.resolve("none");
        assertThatThrownBy(() -> RuleBase.load(none)).isInstanceOf(InputException.class)
                .hasMessage(none + ": no rules folder here");
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        assertThat(rules.resolve("vocabulary.yaml").toFile().delete()).isTrue();
        assertThatThrownBy(() -> RuleBase.load(rules)).isInstanceOf(InputException.class)
                .hasMessageContaining("vocabulary.yaml: no vocabulary file here");
    }

    @Test
    void aLinkedRulesFolderIsFollowedAndAFolderWithoutRulesIsBadInput() throws Exception {
        Path real = RuleFolders.copyShipped(tmp.resolve("real"));
        Path link = java.nio.file.Files.createSymbolicLink(tmp.resolve("linked"), real);
        RuleBase linked = RuleBase.load(link);
        assertThat(linked.rules()).hasSameSizeAs(TestRules.evaluator().ruleBase().rules());
        assertThat(linked.version()).isEqualTo(TestRules.evaluator().ruleBase().version());

        Path empty = java.nio.file.Files.createDirectories(tmp.resolve("empty"));
        java.nio.file.Files.copy(real.resolve("vocabulary.yaml"), empty.resolve("vocabulary.yaml"));
        assertThatThrownBy(() -> RuleBase.load(empty)).isInstanceOf(InputException.class)
                .hasMessage(empty + ": no rule files (*.drl) or decision tables (*.csv, *.xlsx) in the rules folder");
    }

    @Test
    void theVersionIsStableAndChangesWhenAnyFileChanges() {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        String shipped = TestRules.evaluator().ruleBase().version();
        assertThat(shipped).matches("sha256:[0-9a-f]{64}");
        // The same content in another folder is the same rule set.
        assertThat(RuleFiles.read(rules).version()).isEqualTo(shipped).isEqualTo(RuleFiles.read(rules).version());

        Set<String> seen = new HashSet<>(List.of(shipped));
        for (String file : RuleFiles.read(rules).files().keySet()) {
            Path p = rules.resolve(file);
            String original = RuleFolders.read(p);
            RuleFolders.write(p, original + "\n");
            String changed = RuleFiles.read(rules).version();
            assertThat(seen.add(changed)).as("a new version after changing %s", file).isTrue();
            RuleFolders.write(p, original);
            assertThat(RuleFiles.read(rules).version()).as("back to the shipped version after restoring %s", file).isEqualTo(shipped);
        }
        // Only rule-set files count: a note beside the rules is neither hashed nor archived.
        RuleFolders.write(rules.resolve("notes/README.md"), "why the rules are as they are\n");
        assertThat(RuleFiles.read(rules).version()).isEqualTo(shipped);
        // Hidden files (editor swap files, .git) do not count.
        RuleFolders.write(rules.resolve("notes/README.md"), "");
        assertThat(rules.resolve("notes/README.md").toFile().delete()).isTrue();
        RuleFolders.write(rules.resolve(".goal-ranges.drl.swp"), "junk");
        assertThat(RuleFiles.read(rules).version()).isEqualTo(shipped);
    }

    @Test
    void everyRuleIsIndexedWithItsFileLineAndMetadataUnderSimpleKeys() {
        RuleBase base = TestRules.evaluator().ruleBase();
        assertThat(base.rules()).hasSize(49); // 12 files: the guidance, the clinical review and the precautions
        assertThat(base.rules().keySet()).first().isEqualTo("Athletes lead a physically demanding life");
        for (RuleInfo rule : base.rules().values()) {
            assertThat(rule.file()).startsWith("rules-drl/").matches(".*\\.(drl|csv)");
            assertThat(rule.line()).as(rule.name()).isEqualTo(RuleFolders.lineOf(Path.of(rule.file()), rule.name()));
            assertThat(rule.metadata().keySet()).as(rule.name()).containsExactlyInAnyOrder("source", "description", "evidence", "reviewed");
            assertThat(rule.source()).isNotBlank().doesNotStartWith("\"");
        }
        assertThat(base.rule("Maintenance calls for a session once or twice a month").metadata()).isEqualTo(Map.of(
                "source", "General Guidelines: maintenance and overall wellness",
                "description", "Keeping tension from building up takes a session every 14 to 30 days.",
                "evidence", "guidance",
                "reviewed", "2026-11-24"));
    }

    @Test
    void anUnknownRuleNameHasEmptyInfo() {
        RuleInfo info = TestRules.evaluator().ruleBase().rule("No such rule");
        assertThat(info.file()).isNull();
        assertThat(info.metadata()).isEmpty();
    }
}
