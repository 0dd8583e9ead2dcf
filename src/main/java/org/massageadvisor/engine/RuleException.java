package org.massageadvisor.engine;

/**
 * The rules broke while evaluating a client: they looped, ran past the deadline or a consequence
 * threw. Like a compile error it means the rule base is broken, not the input (exit code 3); a batch
 * reports the record and goes on.
 */
public class RuleException extends RuntimeException {

    private final String rule;

    public RuleException(String message, String rule, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    /** The rule to blame, or null when none can be named. */
    public String rule() {
        return rule;
    }
}
