package org.massageadvisor.engine;

import java.time.Duration;

/**
 * An evaluation ran past its deadline: the session was halted and the evaluating thread interrupted.
 * Exit code 3 on the command line; a service answers 503 (the rules, not the request, are at fault).
 */
public class RuleDeadlineException extends RuleException {

    private final Duration deadline;

    /**
     * @param firing the rule whose consequence was running at the deadline, or null
     * @param lastFired when none was running, the last rule that fired (or null if none had)
     */
    public RuleDeadlineException(Duration deadline, String firing, String lastFired, int firings) {
        super(message(deadline, firing, lastFired, firings), firing != null ? firing : lastFired, null);
        this.deadline = deadline;
    }

    private static String message(Duration deadline, String firing, String lastFired, int firings) {
        String limit = "the evaluation ran past its deadline of " + Deadlines.format(deadline);
        if (firing != null) {
            return limit + " while rule \"" + firing + "\" was firing (does its consequence loop or wait?)";
        }
        if (lastFired != null) {
            return limit + " after " + firings + " firings; the last rule to fire was \"" + lastFired + "\"";
        }
        return limit + " before any rule fired (matching the client's facts took too long)";
    }

    public Duration deadline() {
        return deadline;
    }
}
