package org.massageadvisor.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.massageadvisor.engine.RuleBase;
import org.massageadvisor.engine.RuleInfo;
import org.massageadvisor.scenario.ScenarioResult;

/** For each rule, in declaration order, the number of scenarios in which it fired. */
public record Coverage(Map<RuleInfo, Integer> scenariosByRule) {

    public static Coverage of(RuleBase ruleBase, List<ScenarioResult> results) {
        Map<RuleInfo, Integer> counts = new LinkedHashMap<>();
        for (RuleInfo rule : ruleBase.rules().values()) {
            int n = 0;
            for (ScenarioResult r : results) {
                if (r.recommendation() != null && r.recommendation().firedRules().contains(rule.name())) {
                    n++;
                }
            }
            counts.put(rule, n);
        }
        return new Coverage(counts);
    }

    public List<RuleInfo> uncovered() {
        return scenariosByRule.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
    }
}
