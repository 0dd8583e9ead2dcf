package org.massageadvisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.batch.ProfileGenerator;
import org.massageadvisor.client.Client;
import org.massageadvisor.scenario.ScenarioRunner;

/**
 * The decision tables (goal ranges, precautions, body responses, the massage-type floor) are the same
 * rules as the DRL files they replaced: same names, metadata and salience, and for every profile the
 * same recommendation and explanation, firing for firing, in the same order.
 */
class TablesEquivalenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A recommendation as JSON, without what names the files (the rule set's version, files and lines). */
    private static JsonNode comparable(Object recommendation) {
        JsonNode node = JSON.valueToTree(recommendation);
        strip(node);
        return node;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(List.of("rulesetVersion", "file", "line"));
            o.forEach(TablesEquivalenceTest::strip);
        } else if (node instanceof ArrayNode a) {
            a.forEach(TablesEquivalenceTest::strip);
        }
    }

    @Test
    void theTablesAreTheRulesTheyReplacedForEveryProfile() {
        RuleBase tables = TestRules.evaluator().ruleBase();
        RuleBase drl = RuleBase.load(RuleFolders.copyShippedAsDrl(tmp.resolve("drl")));

        assertThat(tables.rules().keySet()).containsExactlyInAnyOrderElementsOf(drl.rules().keySet());
        drl.rules().forEach((name, info) -> assertThat(tables.rule(name).metadata()).as(name).isEqualTo(info.metadata()));
        for (KiePackageRules p : List.of(new KiePackageRules(tables), new KiePackageRules(drl))) {
            assertThat(p.salience()).isNotEmpty();
        }
        assertThat(new KiePackageRules(tables).salience()).isEqualTo(new KiePackageRules(drl).salience());

        Evaluator withTables = new Evaluator(tables);
        Evaluator withDrl = new Evaluator(drl);
        ProfileGenerator generator = new ProfileGenerator(tables.vocabulary(), 31);
        for (int i = 0; i < 3000; i++) {
            Client c = generator.next();
            assertThat(comparable(withTables.evaluate(c, true))).as("%s", c).isEqualTo(comparable(withDrl.evaluate(c, true)));
        }
    }

    @Test
    void everyScenarioPassesWithTheTablesAndWithTheDrlTheyReplaced() {
        RuleBase drl = RuleBase.load(RuleFolders.copyShippedAsDrl(tmp.resolve("drl")));
        List<Path> scenarios = ScenarioRunner.discover(List.of(TestRules.SCENARIOS));
        assertThat(scenarios).hasSizeGreaterThan(100);
        for (RuleBase rules : List.of(TestRules.evaluator().ruleBase(), drl)) {
            ScenarioRunner runner = new ScenarioRunner(new Evaluator(rules));
            assertThat(scenarios).allSatisfy(s -> assertThat(runner.run(s).passed()).as(s.toString()).isTrue());
        }
    }

    /** Each rule's salience by name, read from the compiled rules. */
    private record KiePackageRules(java.util.Map<String, Integer> salience) {
        KiePackageRules(RuleBase rb) {
            this(new java.util.TreeMap<>(rb.kieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream())
                    .collect(java.util.stream.Collectors.toMap(org.kie.api.definition.rule.Rule::getName,
                            r -> ((org.drools.base.definitions.rule.impl.RuleImpl) r).getSalience().getValue()))));
        }
    }
}
