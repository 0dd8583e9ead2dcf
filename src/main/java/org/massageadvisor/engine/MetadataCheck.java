package org.massageadvisor.engine;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Every rule carries its provenance: {@code @source} (the guidance section or an outside reference),
 * {@code @description}, {@code @evidence} (how strong the support is: guidance, consensus, anecdotal ...)
 * and {@code @reviewed} (the date a clinician last checked it, yyyy-mm-dd). This check reports each
 * rule that lacks one, as {@code file:line: ...} at the rule's declaration, for {@code advisor check}
 * or any loader that wants to refuse unsourced rules.
 */
public final class MetadataCheck {

    /** The metadata every rule must carry, in the order problems are reported. */
    public static final List<String> REQUIRED = List.of("source", "description", "evidence", "reviewed");

    private MetadataCheck() {
    }

    /** The problems of every rule of a compiled rule base, in declaration order; empty when all is well. */
    public static List<RuleProblem> check(RuleBase ruleBase) {
        return check(ruleBase.rules().values());
    }

    public static List<RuleProblem> check(Collection<RuleInfo> rules) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleInfo rule : rules) {
            String file = rule.file() == null ? "(rules)" : rule.file();
            for (String key : REQUIRED) {
                String value = rule.metadata().getOrDefault(key, "").trim();
                if (value.isEmpty()) {
                    problems.add(new RuleProblem(file, rule.line(), 0, "rule \"" + rule.name() + "\" has no @" + key
                            + " (every rule needs " + String.join(", ", REQUIRED.stream().map(k -> "@" + k).toList()) + ")"));
                } else if (key.equals("reviewed") && !isDate(value)) {
                    problems.add(new RuleProblem(file, rule.line(), 0, "rule \"" + rule.name() + "\": @reviewed is not a date ("
                            + value + "); write it as yyyy-mm-dd"));
                }
            }
        }
        return problems;
    }

    private static boolean isDate(String value) {
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
