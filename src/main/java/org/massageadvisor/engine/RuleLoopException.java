package org.massageadvisor.engine;

import java.util.List;

/**
 * The rules did not settle: rules kept re-triggering themselves or each other (exit code 3, as for
 * rules that do not compile: the rule base is broken, not the input).
 */
public class RuleLoopException extends RuleException {

    private final List<String> rules;

    public RuleLoopException(String message) {
        this(message, List.of());
    }

    public RuleLoopException(String message, List<String> rules) {
        super(message, rules.isEmpty() ? null : rules.get(0), null);
        this.rules = List.copyOf(rules);
    }

    /** The rules of the cycle, in the order they first fired in it. */
    public List<String> rules() {
        return rules;
    }
}
