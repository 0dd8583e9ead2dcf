package org.massageadvisor.engine;

/** A rule failed while evaluating a client: its consequence threw (exit code 3, the rule named). */
public class RuleFailureException extends RuleException {

    public RuleFailureException(String rule, Throwable cause) {
        super((rule == null ? "a rule failed" : "rule \"" + rule + "\" failed") + ": " + describe(cause), rule, cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
