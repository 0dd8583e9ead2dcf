package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;

class MetadataCheckTest {

    @TempDir
    Path temp;

    @Test
    void everyShippedRuleCarriesSourceDescriptionEvidenceAndReviewDate() {
        assertThat(MetadataCheck.check(TestRules.evaluator().ruleBase())).isEmpty();
    }

    @Test
    void aRuleWithoutEvidenceOrWithAnUndatedReviewIsReportedAtItsDeclaration() throws IOException {
        Path rules = RuleFolders.copyShippedAsDrl(temp.resolve("rules"));
        Path file = rules.resolve("goal-ranges.drl");
        String drl = Files.readString(file);
        // The relaxation rule (line 11) loses @evidence; the maintenance rule gets a review "date" that is not one.
        drl = drl.replaceFirst("    @evidence\\(\"guidance\"\\)\n", "");
        drl = drl.replace("14 to 30 days.\")\n    @evidence(\"guidance\")\n    @reviewed(\"2026-11-24\")",
                "14 to 30 days.\")\n    @evidence(\"guidance\")\n    @reviewed(\"last spring\")");
        Files.writeString(file, drl);
        List<RuleProblem> problems = MetadataCheck.check(RuleBase.load(rules));
        assertThat(problems).extracting(RuleProblem::toString).containsExactly(
                rules.resolve("goal-ranges.drl") + ":11: rule \"Relaxation calls for a session every one to two weeks\" has no @evidence"
                        + " (every rule needs @source, @description, @evidence, @reviewed)",
                rules.resolve("goal-ranges.drl") + ":47: rule \"Maintenance calls for a session once or twice a month\": @reviewed is not a date"
                        + " (last spring); write it as yyyy-mm-dd");
    }
}
