package org.massageadvisor.engine;

/**
 * The rules did not settle: a rule kept re-triggering itself or another (exit code 3, as for rules
 * that do not compile: the rule base is broken, not the input).
 */
public class RuleLoopException extends RuntimeException {

    public RuleLoopException(String message) {
        super(message);
    }
}
