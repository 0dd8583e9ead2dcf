package org.massageadvisor.workbench;

import java.util.List;

/** One file of the rules in force: its kind ("drl", "table", "vocabulary", "other"), the concern it serves, its rules. */
public record RuleFileView(String path, String kind, String concern, List<RuleView> rules) {

    public RuleFileView {
        rules = List.copyOf(rules);
    }
}
